package dev.chatgate.server.inbox;

/**
 * An event read back from the inbox.
 *
 * @param attempts   deliveries started so far, this one included when the event was just claimed
 * @param leaseOwner the node delivering it now, or null
 */
public record StoredEvent(long id, String appId, String command, String dedupeKey, String orderKey, String query,
                          String body, long receivedAt, String status, int attempts, String lastError,
                          String leaseOwner, long leaseUntil) {
}
