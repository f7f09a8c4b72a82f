package dev.chatgate.server.inbox;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.chatgate.server.inbox.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedded file synced to the disk on a thread of its own, every flush interval. */
class EmbeddedFlushTest {

    private static final String THREAD = "chatgate-inbox-flush-1";
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void theFileIsSyncedEveryIntervalOffTheCommitPath(@TempDir Path dir) throws Exception {
        InboxConfiguration config = embeddedIn(dir);
        config.setFlushInterval(Duration.ofMillis(50));

        List<RecordedEvent> forces = forcesWithin(Duration.ofMillis(600), config, dir);

        assertThat(forces).as("about one sync per 50 ms over 600 ms, on the flush thread").hasSizeGreaterThan(3);
    }

    @Test
    void aZeroIntervalLeavesTheFileToTheKernel(@TempDir Path dir) throws Exception {
        InboxConfiguration config = embeddedIn(dir);
        config.setFlushInterval(Duration.ZERO);

        assertThat(forcesWithin(Duration.ofMillis(600), config, dir)).isEmpty();
    }

    @Test
    void withEveryCommitSyncedThereIsNothingLeftToFlush(@TempDir Path dir) throws Exception {
        InboxConfiguration config = embeddedIn(dir);
        config.setSyncCommits(true);
        config.setFlushInterval(Duration.ofMillis(50));

        assertThat(forcesWithin(Duration.ofMillis(600), config, dir)).isEmpty();
    }

    private static InboxConfiguration embeddedIn(Path dir) {
        InboxConfiguration config = new InboxConfiguration();
        config.setDataDir(dir.toString());
        return config;
    }

    /** The flush thread's syncs of the inbox file over {@code span}, while events are written. */
    private static List<RecordedEvent> forcesWithin(Duration span, InboxConfiguration config, Path dir) throws Exception {
        InboxDatabase database = new InboxDatabase(config);
        try {
            InboxStore store = new InboxStore(database, config);
            return FileForces.of(dir.resolve("inbox.mv.db"), THREAD, () -> {
                EmbeddedFlush flush = new EmbeddedFlush(database, config);
                try {
                    long end = System.nanoTime() + span.toNanos();
                    for (int i = 0; System.nanoTime() < end; i++) {
                        store.insert(List.of(event("e" + i)), NOW);
                        Thread.sleep(20);
                    }
                } finally {
                    flush.stop();
                }
            });
        } finally {
            database.close();
        }
    }

    private static NewEvent event(String label) {
        return new NewEvent("1400000000", "Group.CallbackAfterGroupFull", key(label), "group-" + label,
                "SdkAppid=1400000000&CallbackCommand=Group.CallbackAfterGroupFull", "{\"GroupId\":\"" + label + "\"}",
                NOW);
    }
}
