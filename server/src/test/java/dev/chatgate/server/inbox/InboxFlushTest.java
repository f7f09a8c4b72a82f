package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.journal.EventJournal;
import dev.chatgate.server.inbox.journal.InboxJournal;
import dev.chatgate.server.inbox.store.InboxDatabase;
import dev.chatgate.server.inbox.upkeep.InboxFlush;
import dev.chatgate.server.inbox.upkeep.InboxUpkeep;
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

    private static final String THREAD_PREFIX = "chatgate-inbox-upkeep";
    private static final String THREAD = THREAD_PREFIX + "-1";
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void theFileIsSyncedEveryIntervalOffTheCommitPath(@TempDir Path dir) throws Exception {
        TestInbox config = embeddedIn(dir);
        config.flushInterval(Duration.ofMillis(50));

        List<RecordedEvent> forces = forcesWithin(Duration.ofMillis(600), config);

        assertThat(forces).as("about one sync per 50 ms over 600 ms, on the flush thread").hasSizeGreaterThan(3);
    }

    @Test
    void aZeroIntervalLeavesTheFileToTheKernel(@TempDir Path dir) throws Exception {
        TestInbox config = embeddedIn(dir);
        config.flushInterval(Duration.ZERO);

        assertThat(forcesWithin(Duration.ofMillis(600), config)).isEmpty();
    }

    @Test
    void withEveryCommitSyncedThereIsNothingLeftToFlush(@TempDir Path dir) throws Exception {
        TestInbox config = embeddedIn(dir);
        config.syncCommits(true);
        config.flushInterval(Duration.ofMillis(50));

        assertThat(forcesWithin(Duration.ofMillis(600), config)).isEmpty();
    }

    @Test
    void postgresWithoutAJournalHasNothingToFlush() {
        TestInbox config = new TestInbox();
        config.url(LocalPostgres.url());
        InboxDatabase database = config.database();
        try {
            assertThat(new InboxFlush(database, config.dialect(), config.openJournal()).due())
                    .as("PostgreSQL syncs its own log; a flush would find no H2 store behind the connection").isFalse();
        } finally {
            database.close();
        }
    }

    @Test
    void postgresWithAJournalHasTheJournalSyncedEveryInterval(@TempDir Path dir) throws Exception {
        TestInbox config = new TestInbox();
        config.url(LocalPostgres.url());
        config.dataDir(dir.toString());
        config.journal(true);
        config.flushInterval(Duration.ofMillis(50));
        InboxDatabase database = config.database();
        InboxJournal journal = config.openJournal();
        try {
            EventJournal events = journal.journal().orElseThrow();
            events.append(List.of(groupEvent("journaled", NOW)));
            Path file = events.files().get(events.files().size() - 1);

            List<RecordedEvent> forces = FileForces.of(file, THREAD, () -> {
                try (InboxUpkeep upkeep = config.upkeep(database, journal, THREAD_PREFIX)) {
                    Thread.sleep(600);
                }
            });

            assertThat(forces).as("the journal file, about once per 50 ms over 600 ms, on the flush thread")
                    .hasSizeGreaterThan(3);
        } finally {
            journal.close();
            database.close();
        }
    }

    private static TestInbox embeddedIn(Path dir) {
        TestInbox config = new TestInbox();
        config.dataDir(dir.toString());
        return config;
    }

    /** The flush thread's syncs of the inbox file over {@code span}, while events are written. */
    private static List<RecordedEvent> forcesWithin(Duration span, TestInbox config) throws Exception {
        return FileForces.ofInbox(config, THREAD, (database, store) -> {
            try (InboxJournal journal = config.openJournal();
                 InboxUpkeep upkeep = config.upkeep(database, journal, THREAD_PREFIX)) {
                long end = System.nanoTime() + span.toNanos();
                for (int i = 0; System.nanoTime() < end; i++) {
                    store.insert(List.of(groupEvent("e" + i, NOW)), NOW);
                    Thread.sleep(20);
                }
            }
        });
    }
}
