package dev.chatgate.server.perimeter;

import dev.chatgate.core.decision.Envelope;
import dev.chatgate.core.protocol.CallbackQuery;
import dev.chatgate.server.config.AppDirectory;
import dev.chatgate.server.ops.CallbackMetrics;
import dev.chatgate.server.ops.Outcome;
import dev.chatgate.server.ops.RequestLog;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Refuses a callback whose source is not among its app's {@code allowed-sources} (Tencent publishes the address
 * ranges its callbacks come from), 403 with the reason, before anything else reads it. An app without the setting
 * takes callbacks from anywhere; a source that cannot be told (a forwarded address that is not an address) is
 * refused where a list is set.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class SourceAllowlistFilter {

    private final String path;
    private final AppDirectory apps;
    private final boolean checking;
    private final RequestSource sources;
    private final CallbackMetrics metrics;
    private final RequestLog requestLog;

    public SourceAllowlistFilter(@Value("${chatgate.path:/}") String path, AppDirectory apps,
                                 TrustedProxies proxies, CallbackMetrics metrics, RequestLog requestLog) {
        this.path = path;
        this.apps = apps;
        // Decided once: without an allowlist anywhere, a callback's query is not parsed here a second time.
        this.checking = apps.anyAllowedSources();
        this.sources = new RequestSource(proxies.blocks());
        this.metrics = metrics;
        this.requestLog = requestLog;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<String> check(HttpRequest<?> request) {
        if (!checking || request.getMethod() != HttpMethod.POST || !request.getPath().equals(path)) {
            return null;
        }
        CallbackQuery query;
        try {
            query = CallbackQuery.parse(request.getUri().getRawQuery());
        } catch (RuntimeException malformed) {
            return null; // answered by the receiver's own check, with its reason
        }
        AppDirectory.ConfiguredApp app = apps.find(query.sdkAppId()).orElse(null);
        if (app == null || app.allowedSources().isEmpty()) {
            return null;
        }
        long start = System.nanoTime();
        byte[] source = sources.of(peer(request), request.getHeaders().getAll("X-Forwarded-For"));
        if (source != null && app.allowedSources().stream().anyMatch(block -> block.contains(source))) {
            return null;
        }
        String reason = (source == null ? "the request's source cannot be told"
                : "source " + text(source) + " is not") + " among chatgate.apps." + app.sdkAppId() + ".allowed-sources";
        metrics.record(query.callbackCommand(), Outcome.REJECTED_SOURCE, start);
        requestLog.log(query.callbackCommand(), app.sdkAppId(), Outcome.REJECTED_SOURCE, start, reason);
        return HttpResponse.<String>status(HttpStatus.FORBIDDEN).body(Envelope.fail(403, reason).toString())
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static byte[] peer(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getAddress();
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return "?";
        }
    }
}
