package dev.chatgate.server.inbox.admin;

import dev.chatgate.core.decision.Envelope;
import dev.chatgate.server.inbox.RequiresInbox;
import dev.chatgate.server.inbox.settings.AdminSettings;
import dev.chatgate.server.inbox.store.InboxStore;
import dev.chatgate.server.inbox.store.StoredEvent;
import dev.chatgate.server.inbox.upkeep.InboxPurge;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Operators' view of the inbox: list dead events, replay them, purge processed ones. Every call needs
 * {@code Authorization: Bearer <chatgate.inbox.admin-token>}; without a configured token the endpoints refuse.
 */
@Controller("/inbox")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresInbox
public final class InboxController {

    private final InboxStore store;
    private final InboxPurge purge;
    private final AdminSettings config;
    private final Clock clock;

    public InboxController(InboxStore store, InboxPurge purge, AdminSettings config, Clock clock) {
        this.store = store;
        this.purge = purge;
        this.config = config;
        this.clock = clock;
    }

    /** Dead events, oldest first, with their last error. */
    @Get("/dead")
    public HttpResponse<?> dead(@Nullable @Header("Authorization") String authorization,
                                @QueryValue(defaultValue = "100") int limit) throws SQLException {
        HttpResponse<?> refused = refuse(authorization);
        if (refused != null) {
            return refused;
        }
        List<Map<String, Object>> events = store.list(InboxStore.DEAD, Math.max(1, Math.min(limit, 1000))).stream()
                .map(e -> Map.<String, Object>of("id", e.id(), "command", e.command(), "appId", e.appId(),
                        "receivedAt", e.receivedAt(), "attempts", e.attempts(),
                        "lastError", e.lastError() == null ? "" : e.lastError(), "body", e.body()))
                .toList();
        return HttpResponse.ok(Map.of("dead", events));
    }

    /** Puts one dead event back in line for delivery. */
    @Post("/dead/{id}/replay")
    public HttpResponse<?> replay(@Nullable @Header("Authorization") String authorization, long id) throws SQLException {
        HttpResponse<?> refused = refuse(authorization);
        if (refused != null) {
            return refused;
        }
        if (!store.replay(id, clock.millis())) {
            return HttpResponse.status(HttpStatus.NOT_FOUND)
                    .body(Envelope.fail(404, "no dead event " + id).toString());
        }
        return HttpResponse.ok(Map.of("replayed", List.of(id)));
    }

    /** Puts every dead event back in line. */
    @Post("/dead/replay")
    public HttpResponse<?> replayAll(@Nullable @Header("Authorization") String authorization) throws SQLException {
        HttpResponse<?> refused = refuse(authorization);
        if (refused != null) {
            return refused;
        }
        List<Long> replayed = new java.util.ArrayList<>();
        for (StoredEvent event : store.list(InboxStore.DEAD, 10_000)) {
            if (store.replay(event.id(), clock.millis())) {
                replayed.add(event.id());
            }
        }
        return HttpResponse.ok(Map.of("replayed", replayed));
    }

    /** Deletes processed events older than the retention now, rather than at the next scheduled purge. */
    @Post("/purge")
    public HttpResponse<?> purge(@Nullable @Header("Authorization") String authorization) throws SQLException {
        HttpResponse<?> refused = refuse(authorization);
        if (refused != null) {
            return refused;
        }
        return HttpResponse.ok(Map.of("purged", purge.purge()));
    }

    private HttpResponse<?> refuse(String authorization) {
        String token = config.adminToken();
        if (!config.enabled()) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(
                    Envelope.fail(403, "inbox management is off: set chatgate.inbox.admin-token").toString());
        }
        String presented = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()) : "";
        // Digests of equal length, compared in constant time: neither the token's content nor its length shows in
        // how long a wrong guess takes.
        if (!MessageDigest.isEqual(sha256(presented), sha256(token))) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                    .body(Envelope.fail(401, "missing or wrong bearer token").toString());
        }
        return null;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
