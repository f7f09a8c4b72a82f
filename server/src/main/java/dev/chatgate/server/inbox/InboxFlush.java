package dev.chatgate.server.inbox;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.h2.mvstore.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Every {@link InboxConfiguration#getFlushInterval()}, off the commit path: syncs the embedded H2 file to the disk,
 * then the {@link EventJournal}, and deletes the journal's files whose events H2 now has on the disk. H2 leaves its
 * writes to the kernel, which flushes what has been dirty for 30 s: at 5,000 events/s some 500 MB at once, and the
 * commits that fall in such a flush wait for it. Flushed often, each sync is small. With PostgreSQL only the journal
 * is synced (PostgreSQL syncs its own commits, and the writer releases the journal as they return); nothing is
 * scheduled there without a journal, nor with H2 when every commit is synced already ({@code sync-commits}).
 */
@Context
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class InboxFlush {

    private static final Logger LOG = LoggerFactory.getLogger(InboxFlush.class);

    private final InboxDatabase database;
    private final EventJournal journal;
    private final boolean embedded;
    private final RepeatedJob flushes;

    public InboxFlush(InboxDatabase database, InboxJournal journal, InboxConfiguration config) {
        this.database = database;
        this.journal = journal.journal().orElse(null);
        this.embedded = !config.isPostgres();
        boolean due = embedded ? !config.isSyncCommits() : this.journal != null;
        flushes = new RepeatedJob("chatgate-inbox-flush", due ? config.getFlushInterval() : Duration.ZERO, LOG,
                "Could not flush the inbox to the disk: {}", "Flushing the inbox to the disk works again", this::flush);
    }

    /** Whether flushes are scheduled. */
    public boolean scheduled() {
        return flushes.scheduled();
    }

    void flush() throws SQLException, java.io.IOException {
        // Read before the sync: every commit up to it is then in the file that is synced.
        long applied = journal == null ? -1 : journal.applied();
        if (embedded) {
            try (Connection connection = database.dataSource().getConnection()) {
                FileStore<?> file = EmbeddedStore.of(connection).getFileStore();
                if (file != null) {
                    file.sync();
                }
            }
        }
        if (journal != null) {
            journal.force();
            // On PostgreSQL the writer releases as each commit returns: one thread deletes the files.
            if (embedded) {
                journal.release(applied);
            }
        }
    }

    @PreDestroy
    void stop() {
        flushes.stop();
    }
}
