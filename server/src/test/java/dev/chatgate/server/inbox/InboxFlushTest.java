package dev.chatgate.server.inbox;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.chatgate.server.inbox.TestEvents.groupEvent;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedded file, and the journal, synced to the disk on a thread of their own, every flush interval. */
class InboxFlushTest {

    private static final String THREAD = "chatgate-inbox-flush-1";
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void theFileIsSyncedEveryIntervalOffTheCommitPath(@TempDir Path dir) throws Exception {
        InboxConfiguration config = embeddedIn(dir);
        config.setFlushInterval(Duration.ofMillis(50));

        List<RecordedEvent> forces = forcesWithin(Duration.ofMillis(600), config);

        assertThat(forces).as("about one sync per 50 ms over 600 ms, on the flush thread").hasSizeGreaterThan(3);
    }

    @Test
    void aZeroIntervalLeavesTheFileToTheKernel(@TempDir Path dir) throws Exception {
        InboxConfiguration config = embeddedIn(dir);
        config.setFlushInterval(Duration.ZERO);

        assertThat(forcesWithin(Duration.ofMillis(600), config)).isEmpty();
    }

    @Test
    void withEveryCommitSyncedThereIsNothingLeftToFlush(@TempDir Path dir) throws Exception {
        InboxConfiguration config = embeddedIn(dir);
        config.setSyncCommits(true);
        config.setFlushInterval(Duration.ofMillis(50));

        assertThat(forcesWithin(Duration.ofMillis(600), config)).isEmpty();
    }

    @Test
    void postgresWithoutAJournalHasNothingToFlush() {
        InboxConfiguration config = new InboxConfiguration();
        config.setUrl(LocalPostgres.url());
        InboxDatabase database = new InboxDatabase(config);
        try {
            assertThat(new InboxFlush(database, new InboxJournal(config), config).scheduled())
                    .as("PostgreSQL syncs its own log; a flush would find no H2 store behind the connection").isFalse();
        } finally {
            database.close();
        }
    }

    @Test
    void postgresWithAJournalHasTheJournalSyncedEveryInterval(@TempDir Path dir) throws Exception {
        InboxConfiguration config = new InboxConfiguration();
        config.setUrl(LocalPostgres.url());
        config.setDataDir(dir.toString());
        config.setJournal(true);
        config.setFlushInterval(Duration.ofMillis(50));
        InboxDatabase database = new InboxDatabase(config);
        InboxJournal journal = new InboxJournal(config);
        try {
            EventJournal events = journal.journal().orElseThrow();
            events.append(List.of(groupEvent("journaled", NOW)));
            Path file = events.files().get(events.files().size() - 1);

            List<RecordedEvent> forces = FileForces.of(file, THREAD, () -> {
                InboxFlush flush = new InboxFlush(database, journal, config);
                try {
                    Thread.sleep(600);
                } finally {
                    flush.stop();
                }
            });

            assertThat(forces).as("the journal file, about once per 50 ms over 600 ms, on the flush thread")
                    .hasSizeGreaterThan(3);
        } finally {
            journal.close();
            database.close();
        }
    }

    private static InboxConfiguration embeddedIn(Path dir) {
        InboxConfiguration config = new InboxConfiguration();
        config.setDataDir(dir.toString());
        return config;
    }

    /** The flush thread's syncs of the inbox file over {@code span}, while events are written. */
    private static List<RecordedEvent> forcesWithin(Duration span, InboxConfiguration config) throws Exception {
        return FileForces.ofInbox(config, THREAD, (database, store) -> {
            InboxFlush flush = new InboxFlush(database, new InboxJournal(config), config);
            try {
                long end = System.nanoTime() + span.toNanos();
                for (int i = 0; System.nanoTime() < end; i++) {
                    store.insert(List.of(groupEvent("e" + i, NOW)), NOW);
                    Thread.sleep(20);
                }
            } finally {
                flush.stop();
            }
        });
    }
}
