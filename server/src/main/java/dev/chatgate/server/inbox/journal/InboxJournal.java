package dev.chatgate.server.inbox.journal;

import dev.chatgate.server.inbox.RequiresInbox;
import dev.chatgate.server.inbox.settings.JournalSettings;
import dev.chatgate.server.inbox.settings.UpkeepSettings;
import dev.chatgate.server.inbox.store.InboxDialect;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** This node's {@link EventJournal}, opened where the dialect puts it with these settings, if anywhere. */
@Singleton
@RequiresInbox
public final class InboxJournal implements AutoCloseable {

    /**
     * At 5,000 events/s, a new file about every third of a second: a released file is deleted whole, and a start
     * reads again at most the file that was being appended to (its events already in the tables are dropped).
     */
    public static final long SEGMENT_BYTES = 1L << 20;

    private final EventJournal journal;
    private final boolean releasedByEachCommit;

    public InboxJournal(InboxDialect dialect, JournalSettings settings, UpkeepSettings upkeep) {
        Path dir = dialect.journalDir(settings).orElse(null);
        try {
            journal = dir == null ? null : EventJournal.open(dir, SEGMENT_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the inbox journal in " + dir + ": " + e.getMessage(), e);
        }
        // Where a commit is on the disk only after the next flush of the file, the flush releases; without a
        // scheduled flush, nothing else would release the journal: each commit does.
        releasedByEachCommit = dialect.commitIsOnDiskWhenItReturns() || upkeep.flushInterval().toMillis() <= 0;
    }

    public Optional<EventJournal> journal() {
        return Optional.ofNullable(journal);
    }

    /** Whether the writer releases the journal as each commit returns, rather than the flush after it. */
    public boolean releasedByEachCommit() {
        return releasedByEachCommit;
    }

    @Override
    @PreDestroy
    public void close() throws IOException {
        if (journal != null) {
            journal.close();
        }
    }
}
