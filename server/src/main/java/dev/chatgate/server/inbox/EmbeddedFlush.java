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
 * Embedded H2: every {@link InboxConfiguration#getFlushInterval()}, syncs the file to the disk, off the commit path.
 * H2 leaves its writes to the kernel, which flushes what has been dirty for 30 s: at 5,000 events/s some 500 MB at
 * once, and the commits that fall in such a flush wait for it. Flushed often, each sync is small. Not scheduled with
 * PostgreSQL, nor when every commit is synced already ({@code sync-commits}).
 *
 * <p>The {@link EventJournal} is synced with it, and its files whose events H2 now has on the disk are deleted.
 */
@Context
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class EmbeddedFlush {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFlush.class);

    private final InboxDatabase database;
    private final EventJournal journal;
    private final RepeatedJob flushes;

    public EmbeddedFlush(InboxDatabase database, InboxJournal journal, InboxConfiguration config) {
        this.database = database;
        this.journal = journal.journal().orElse(null);
        flushes = new RepeatedJob("chatgate-inbox-flush", config.isPostgres() || config.isSyncCommits() ? Duration.ZERO
                : config.getFlushInterval(), LOG, "Could not flush the embedded inbox file to the disk: {}",
                "Flushing the embedded inbox file to the disk works again", this::flush);
    }

    /** Whether flushes are scheduled. */
    public boolean scheduled() {
        return flushes.scheduled();
    }

    void flush() throws SQLException, java.io.IOException {
        // Read before the sync: every commit up to it is then in the file that is synced.
        long applied = journal == null ? -1 : journal.applied();
        try (Connection connection = database.dataSource().getConnection()) {
            FileStore<?> file = EmbeddedStore.of(connection).getFileStore();
            if (file != null) {
                file.sync();
            }
        }
        if (journal != null) {
            journal.force();
            journal.release(applied);
        }
    }

    @PreDestroy
    void stop() {
        flushes.stop();
    }
}
