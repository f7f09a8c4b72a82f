package dev.chatgate.server.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * One Tencent Cloud Chat app, configured under {@code chatgate.apps.<SdkAppid>}; every key can be overridden by an
 * environment variable ({@code CHATGATE_APPS_<SdkAppid>_TOKENS=a,b}). Unset keys take the defaults below;
 * {@link AppDirectory} checks the values at start-up, naming the key of each problem, and
 * {@link SettingsConversionCheck} those that are not of their type.
 *
 * @param sdkAppId         the key under {@code chatgate.apps}
 * @param tokens           the webhook authentication tokens; two during a rotation
 * @param requireSignature whether unsigned requests are refused; by default exactly when tokens are configured
 * @param deadline         how long a before-callback handler may take before the timeout decision is answered
 * @param allowedSources   the CIDR blocks callbacks may come from; empty: anywhere
 */
@EachProperty("chatgate.apps")
public record AppConfiguration(@Parameter String sdkAppId, @Nullable List<String> tokens,
                               @Nullable Boolean requireSignature, @Nullable ValidationMode validation,
                               @Nullable Duration deadline, @Nullable TimeoutDecision timeoutDecision,
                               @Nullable Duration signatureMaxAge, @Nullable Duration signatureMaxSkew,
                               @Nullable List<String> allowedSources) {

    public AppConfiguration {
        // Not List.copyOf: a blank entry is reported by the directory, a null one would throw here.
        tokens = tokens == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tokens));
        requireSignature = requireSignature != null ? requireSignature : !tokens.isEmpty();
        validation = validation != null ? validation : ValidationMode.REPORT;
        deadline = deadline != null ? deadline : Duration.ofMillis(1500);
        timeoutDecision = timeoutDecision != null ? timeoutDecision : TimeoutDecision.ALLOW;
        signatureMaxAge = signatureMaxAge != null ? signatureMaxAge : Duration.ofMinutes(5);
        signatureMaxSkew = signatureMaxSkew != null ? signatureMaxSkew : Duration.ofMinutes(1);
        allowedSources = allowedSources == null ? List.of() : java.util.Collections.unmodifiableList(
                new java.util.ArrayList<>(allowedSources));
    }
}
