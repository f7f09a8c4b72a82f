package dev.chatgate.server.inbox.settings;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

import static dev.chatgate.server.inbox.settings.SettingChecks.atLeastOne;
import static dev.chatgate.server.inbox.settings.SettingChecks.notNegative;

/**
 * {@code chatgate.inbox.*}: how new events are committed (group commit).
 *
 * @param writeBatch     most events written in one transaction
 * @param commitInterval least time between the starts of two commits of new events; 0: as soon as the previous
 *                       one is done; null: {@link #commitInterval(boolean)} chooses
 */
@ConfigurationProperties("chatgate.inbox")
public record WriteSettings(@Nullable Integer writeBatch, @Nullable Duration commitInterval) {

    public static final Duration ANSWERED_COMMIT_INTERVAL = Duration.ofMillis(4);
    /**
     * Each commit has a fixed cost (H2 writes it as a chunk, whose bookkeeping it keeps for 45 s and every young
     * collection copies; PostgreSQL flushes its log): see docs/adr/0103-commit-interval-with-the-journal.md.
     */
    public static final Duration JOURNALED_COMMIT_INTERVAL = Duration.ofMillis(50);

    public WriteSettings {
        writeBatch = atLeastOne("write-batch", writeBatch, 512);
        commitInterval = notNegative("commit-interval", commitInterval);
    }

    /**
     * The interval in force: the one set, else {@link #JOURNALED_COMMIT_INTERVAL} where the journal answers (the
     * interval then only delays delivery), else {@link #ANSWERED_COMMIT_INTERVAL} (each answer waits for its commit).
     */
    public Duration commitInterval(boolean journaled) {
        if (commitInterval != null) {
            return commitInterval;
        }
        return journaled ? JOURNALED_COMMIT_INTERVAL : ANSWERED_COMMIT_INTERVAL;
    }
}
