package dev.chatgate.server.inbox;

import java.nio.charset.StandardCharsets;

/**
 * An after-callback as it is written to the inbox. The query and body also come as UTF-8 bytes, encoded by the
 * request's thread: the embedded store keeps bytes, and the writer thread, which every acknowledgement waits
 * for, should not spend its time encoding.
 */
record NewEvent(String appId, String command, String dedupeKey, String orderKey, String query, String body,
                long receivedAt, byte[] queryUtf8, byte[] bodyUtf8) {

    NewEvent(String appId, String command, String dedupeKey, String orderKey, String query, String body,
             long receivedAt) {
        this(appId, command, dedupeKey, orderKey, query, body, receivedAt, query.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
