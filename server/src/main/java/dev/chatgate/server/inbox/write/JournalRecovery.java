package dev.chatgate.server.inbox.write;

import dev.chatgate.server.inbox.journal.EventJournal;
import dev.chatgate.server.inbox.store.InboxStore;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.store.WriteResult;

import java.sql.SQLException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Stores what a killed process left in the journal, before anything new: those events were answered OK. They wait
 * for a claimer, as after any restart; one stored before the kill is recognised by its dedupe key.
 */
final class JournalRecovery {

    private JournalRecovery() {
    }

    static void storeRecovered(EventJournal journal, InboxStore store, String owner, int batchSize, long now,
                               boolean releaseOnCommit, BiConsumer<List<NewEvent>, long[]> stored) {
        List<NewEvent> recovered = journal.recovered();
        for (int from = 0; from < recovered.size(); from += batchSize) {
            List<NewEvent> chunk = recovered.subList(from, Math.min(recovered.size(), from + batchSize));
            try {
                WriteResult written = store.write(chunk, List.of(), owner, false, now, 0);
                stored.accept(chunk, written.ids());
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot store the " + recovered.size() + " event(s) the inbox journal"
                        + " holds from a previous run: " + e.getMessage(), e);
            }
        }
        journal.applied(recovered.size() - 1L);
        if (releaseOnCommit) {
            journal.release(journal.applied());
        }
    }
}
