package dev.chatgate.server.config;

import dev.chatgate.core.signature.CallbackSignature;
import dev.chatgate.server.perimeter.Cidr;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured apps by SdkAppid, checked at start-up: bad configuration stops the service with a message that
 * names the key. Each app gets its own signature verifier.
 */
@Context
public final class AppDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(AppDirectory.class);
    private static final Duration TENCENT_TIMEOUT = Duration.ofSeconds(2);

    /** What to do when no app is configured: said once at start-up and in every refusal. */
    public static final String NO_APP = "no app is configured: set chatgate.apps.<SdkAppid>.tokens"
            + " (CHATGATE_APPS_<SdkAppid>_TOKENS=...), or try the demo app with -Dmicronaut.environments=dev";

    private final Map<String, ConfiguredApp> apps = new HashMap<>();

    public AppDirectory(SettingsConversionCheck readable, List<AppConfiguration> configurations, Clock clock) {
        List<String> problems = new ArrayList<>();
        for (AppConfiguration app : configurations) {
            problems.addAll(check(app));
            List<Cidr> sources = allowedSources(app, problems);
            if (problems.isEmpty()) {
                apps.put(app.sdkAppId(), new ConfiguredApp(app,
                        new CallbackSignature(clock, app.signatureMaxAge(), app.signatureMaxSkew()), sources));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid chatgate configuration:\n  " + String.join("\n  ", problems));
        }
        if (apps.isEmpty()) {
            LOG.warn(NO_APP + "; every callback is refused with 403 until then");
        }
        apps.values().forEach(a -> LOG.info("App {}: signature {}, validation {}, deadline {} ms", a.sdkAppId(),
                a.config().requireSignature() ? "required" : a.config().tokens().isEmpty() ? "off" : "checked when present",
                a.config().validation().name().toLowerCase(), a.config().deadline().toMillis()));
    }

    private static List<String> check(AppConfiguration app) {
        String key = "chatgate.apps." + app.sdkAppId();
        List<String> problems = new ArrayList<>();
        if (!app.sdkAppId().matches("[0-9]{1,20}")) {
            problems.add(key + ": an app is keyed by its numeric SdkAppid, not '" + app.sdkAppId() + "'");
        }
        for (int i = 0; i < app.tokens().size(); i++) {
            if (app.tokens().get(i) == null || app.tokens().get(i).isBlank()) {
                problems.add(key + ".tokens[" + i + "] is blank");
            }
        }
        if (app.tokens().size() > 2) {
            problems.add(key + ".tokens has " + app.tokens().size() + " tokens; at most two (old and new) during a rotation");
        }
        if (app.requireSignature() && app.tokens().isEmpty()) {
            problems.add(key + ".require-signature is true but " + key + ".tokens is empty");
        }
        Duration deadline = app.deadline();
        if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(TENCENT_TIMEOUT) >= 0) {
            problems.add(key + ".deadline must be above 0 and below Tencent's 2 s timeout, not " + deadline);
        }
        if (app.signatureMaxAge().isNegative() || app.signatureMaxSkew().isNegative()) {
            problems.add(key + ".signature-max-age and .signature-max-skew must not be negative");
        }
        return problems;
    }

    public boolean isEmpty() {
        return apps.isEmpty();
    }

    /** Whether any app limits the sources of its callbacks: when none does, no request needs its source checked. */
    public boolean anyAllowedSources() {
        return apps.values().stream().anyMatch(app -> !app.allowedSources().isEmpty());
    }

    private static List<Cidr> allowedSources(AppConfiguration app, List<String> problems) {
        List<Cidr> out = new ArrayList<>();
        for (int i = 0; i < app.allowedSources().size(); i++) {
            try {
                out.add(Cidr.parse(app.allowedSources().get(i)));
            } catch (IllegalArgumentException e) {
                problems.add("chatgate.apps." + app.sdkAppId() + ".allowed-sources[" + i + "]: " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    public Optional<ConfiguredApp> find(String sdkAppId) {
        return sdkAppId == null ? Optional.empty() : Optional.ofNullable(apps.get(sdkAppId));
    }

    /** An app with its verifier and the blocks its callbacks may come from (empty: anywhere). */
    public record ConfiguredApp(AppConfiguration config, CallbackSignature signature, List<Cidr> allowedSources) {
        public String sdkAppId() {
            return config.sdkAppId();
        }
    }
}
