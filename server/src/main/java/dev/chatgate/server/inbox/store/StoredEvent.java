package dev.chatgate.server.inbox.store;

/**
 * An event read back from the inbox.
 *
 * @param attempts   deliveries started so far, this one included when the event was just claimed
 * @param leaseOwner the node delivering it now, or null
 */
public record StoredEvent(long id, String appId, String command, String dedupeKey, String orderKey, String query,
                          String body, long receivedAt, String status, int attempts, String lastError,
                          String leaseOwner, long leaseUntil) {
    /** A new event as the writer leased it to {@code owner} in the commit that stored it: its first attempt. */
    public static StoredEvent leased(long id, NewEvent event, String owner, long leaseUntil) {
        return new StoredEvent(id, event.appId(), event.command(), event.dedupeKey(), event.orderKey(), event.query(),
                event.body(), event.receivedAt(), InboxStore.PENDING, 1, null, owner, leaseUntil);
    }
}
