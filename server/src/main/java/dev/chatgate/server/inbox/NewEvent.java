package dev.chatgate.server.inbox;

/** An after-callback as it is written to the inbox. */
record NewEvent(String appId, String command, String dedupeKey, String orderKey, String query, String body,
                long receivedAt) {
}
