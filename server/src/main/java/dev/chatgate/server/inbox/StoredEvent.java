package dev.chatgate.server.inbox;

/**
 * An event read back from the inbox.
 *
 * @param attempts deliveries started so far, this one included when the event was just claimed
 */
public record StoredEvent(long id, String appId, String command, String dedupeKey, String orderKey, String query,
                          String body, long receivedAt, String status, int attempts, String lastError) {
}
