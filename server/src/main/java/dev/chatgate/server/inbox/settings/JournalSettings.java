package dev.chatgate.server.inbox.settings;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code chatgate.inbox.journal}: whether new events are answered OK once appended to this node's journal, and put
 * into the database right after in commits no answer waits for.
 *
 * @param journal null: the database's default (on for an embedded H2 file, off for PostgreSQL, where an OK then
 *                waits for the commit every node shares)
 */
@ConfigurationProperties("chatgate.inbox")
public record JournalSettings(@Nullable Boolean journal) {
}
