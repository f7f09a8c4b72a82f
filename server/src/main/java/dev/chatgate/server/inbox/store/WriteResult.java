package dev.chatgate.server.inbox.store;

/** Ids per written event (0: stored before), and which of them were leased to the writer's node. */
public record WriteResult(long[] ids, boolean[] leased) {
}
