package dev.chatgate.server.inbox;

import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** The embedded store's {@link EventJournal}, opened where the configuration puts it; none with PostgreSQL. */
@Singleton
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
final class InboxJournal {

    /**
     * At 5,000 events/s, a new file about every third of a second: a released file is deleted whole, and a start
     * reads again at most the file that was being appended to (its events already in the tables are dropped).
     */
    static final long SEGMENT_BYTES = 1L << 20;

    private final EventJournal journal;

    InboxJournal(InboxConfiguration config) {
        Path dir = config.getJournalDir();
        try {
            journal = dir == null ? null : EventJournal.open(dir, SEGMENT_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the inbox journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    Optional<EventJournal> journal() {
        return Optional.ofNullable(journal);
    }

    @PreDestroy
    void close() throws IOException {
        if (journal != null) {
            journal.close();
        }
    }
}
