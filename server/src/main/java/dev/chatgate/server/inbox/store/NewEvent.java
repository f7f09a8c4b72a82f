package dev.chatgate.server.inbox.store;

import java.nio.charset.StandardCharsets;

/**
 * An after-callback as it is written to the inbox. The query and body also come as UTF-8 bytes, encoded by the
 * request's thread: the embedded store keeps bytes, and the writer thread, which every acknowledgement waits
 * for, should not spend its time encoding. The dedupe key is 64 hex digits, as {@code EventKeys} makes it: the
 * embedded store keeps its 32 bytes.
 */
public record NewEvent(String appId, String command, String dedupeKey, String orderKey, String query, String body,
                       long receivedAt, byte[] queryUtf8, byte[] bodyUtf8) {

    public NewEvent {
        if (!DedupeKeyBytes.isWellFormed(dedupeKey)) {
            throw new IllegalArgumentException("A dedupe key is 64 lowercase hex digits, not \"" + dedupeKey + "\"");
        }
    }

    public NewEvent(String appId, String command, String dedupeKey, String orderKey, String query, String body,
             long receivedAt) {
        this(appId, command, dedupeKey, orderKey, query, body, receivedAt, query.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
