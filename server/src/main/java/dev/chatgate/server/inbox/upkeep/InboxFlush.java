package dev.chatgate.server.inbox.upkeep;

import dev.chatgate.server.inbox.RequiresInbox;
import dev.chatgate.server.inbox.journal.EventJournal;
import dev.chatgate.server.inbox.journal.InboxJournal;
import dev.chatgate.server.inbox.store.InboxDatabase;
import dev.chatgate.server.inbox.store.InboxDialect;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Off the commit path: syncs the database's file to the disk where the inbox has to (embedded H2, unless every
 * commit is synced), then the {@link EventJournal}, and deletes the journal's files whose events are now on the
 * disk in the database. H2 leaves its writes to the kernel, which flushes what has been dirty for 30 s: at 5,000
 * events/s some 500 MB at once, and the commits that fall in such a flush wait for it. Flushed often, each sync
 * is small.
 */
@Singleton
@RequiresInbox
public final class InboxFlush {

    private final InboxDatabase database;
    private final InboxDialect dialect;
    private final EventJournal journal;
    private final boolean releases;

    public InboxFlush(InboxDatabase database, InboxDialect dialect, InboxJournal journal) {
        this.database = database;
        this.dialect = dialect;
        this.journal = journal.journal().orElse(null);
        this.releases = !journal.releasedByEachCommit();
    }

    /** Whether there is anything to flush: a file the database leaves to the inbox, or a journal. */
    public boolean due() {
        return dialect.hasFileToSync() || journal != null;
    }

    public void flush() throws SQLException, IOException {
        // Read before the sync: every commit up to it is then in the file that is synced.
        long applied = journal == null ? -1 : journal.applied();
        if (dialect.hasFileToSync()) {
            dialect.syncFile(database.dataSource());
        }
        if (journal != null) {
            journal.force();
            if (releases) {
                journal.release(applied);
            }
        }
    }
}
