package dev.chatgate.server.inbox;

import dev.chatgate.server.dispatch.NamedThreads;
import dev.chatgate.server.inbox.store.InboxDatabase;
import dev.chatgate.server.inbox.upkeep.InboxUpkeep;
import dev.chatgate.server.inbox.upkeep.UpkeepJob;
import io.micronaut.scheduling.ScheduledExecutorTaskScheduler;
import org.slf4j.LoggerFactory;
import java.util.concurrent.Executors;
import dev.chatgate.server.inbox.store.InboxStore;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.store.h2.EmbeddedCompaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded file is compacted while events arrive, so that it stays near the size of what is live in it. */
class EmbeddedCompactionTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final int EVENTS = 3_000;
    private static final int DEFAULT_PASS_BYTES = EmbeddedCompaction.passBytes(new TestInbox().upkeep().compactInterval());
    private static final String BODY = "{\"CallbackCommand\":\"Group.CallbackAfterSendMsg\",\"Text\":\"" + "x".repeat(900)
            + "\"}";

    private record FileState(long bytes, int livePercent) {
    }

    @Test
    void sparseChunksAreRewrittenWhileEventsArriveSoTheFileStaysNearWhatIsLive(@TempDir Path dir) throws Exception {
        FileState without = storeOneByOne(dir.resolve("without"), false);
        FileState with = storeOneByOne(dir.resolve("with"), true);

        assertThat(without.livePercent()).as("live share of the chunks without compaction: one event per commit leaves"
                + " most chunks pinned by a page or two").isLessThan(25);
        assertThat(with.livePercent()).as("live share of the chunks with a pass every 100 events")
                .isGreaterThanOrEqualTo(40);
        assertThat(with.bytes() * 2).as("file with compaction (%d KB) against without (%d KB)", with.bytes() / 1024,
                without.bytes() / 1024).isLessThan(without.bytes());
    }

    @Test
    void passesRunEveryIntervalOnTheirOwn(@TempDir Path dir) throws Exception {
        TestInbox config = embedded(dir, Duration.ofMillis(20));
        InboxDatabase database = config.database();
        // This test writes faster than a quiet service, so each pass may move as much as a default one.
        EmbeddedCompaction compaction = new EmbeddedCompaction(database.dataSource(), DEFAULT_PASS_BYTES);
        UpkeepJob passes = UpkeepJob.schedule(new ScheduledExecutorTaskScheduler(
                Executors.newSingleThreadScheduledExecutor(new NamedThreads("compact"))), new UpkeepJob.Plan("compact",
                config.upkeep().compactInterval(), "failed: {}", "works", compaction::compact),
                LoggerFactory.getLogger(EmbeddedCompactionTest.class));
        try {
            assertThat(passes.scheduled()).isTrue();
            OneByOne events = new OneByOne(config.store(database));
            events.store(EVENTS);
            // Passes take effect as later commits write the pages they moved: events keep coming until then.
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (compaction.liveChunkPercent() < 40 && System.nanoTime() < deadline) {
                events.store(100);
            }
            assertThat(compaction.liveChunkPercent()).as("live share of the chunks with a pass every 20 ms after %d"
                    + " events (without passes it stays under 25%%)", events.stored).isGreaterThanOrEqualTo(40);
        } finally {
            passes.stop();
            database.close();
        }
    }

    @Test
    void aPassThatCannotReachTheStoreIsReportedAsFailing(@TempDir Path dir) throws Exception {
        TestInbox config = embedded(dir, Duration.ofMillis(20));
        InboxDatabase database = config.database();
        InboxUpkeep upkeep = config.upkeep(database, null, "upkeep");
        try {
            UpkeepJob compaction = upkeep.job("compact").orElseThrow();
            database.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!compaction.failing() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(compaction.failing()).as("a pass against a closed pool is reported as failing").isTrue();
        } finally {
            upkeep.close();
        }
    }

    @Test
    void aZeroIntervalSchedulesNoPass(@TempDir Path dir) {
        TestInbox config = embedded(dir, Duration.ZERO);
        InboxDatabase database = config.database();
        try {
            try (InboxUpkeep upkeep = config.upkeep(database, null, "upkeep")) {
                assertThat(upkeep.scheduled("compact")).isFalse();
            }
            try (InboxUpkeep upkeep = embedded(dir, Duration.ofSeconds(1)).upkeep(database, null, "upkeep")) {
                assertThat(upkeep.scheduled("compact")).as("the default interval on the embedded store").isTrue();
            }
        } finally {
            database.close();
        }
    }

    @Test
    void aPassMovesOneMegabytePerSecondOfItsIntervalWithinBounds(@TempDir Path dir) {
        assertThat(EmbeddedCompaction.passBytes(Duration.ofSeconds(1))).isEqualTo(1 << 20);
        assertThat(EmbeddedCompaction.passBytes(Duration.ofSeconds(10))).isEqualTo(10 << 20);
        assertThat(EmbeddedCompaction.passBytes(Duration.ofMillis(20))).as("at least 64 KB")
                .isEqualTo(64 << 10);
        assertThat(EmbeddedCompaction.passBytes(Duration.ofHours(1))).as("at most 64 MB")
                .isEqualTo(64 << 20);
    }

    @Test
    void postgresHasNoFileToCompact() {
        TestInbox config = new TestInbox();
        config.url(LocalPostgres.url());
        InboxDatabase database = config.database();
        try (InboxUpkeep upkeep = config.upkeep(database, null, "upkeep")) {
            assertThat(upkeep.job("compact")).as("PostgreSQL offers no compaction").isEmpty();
        } finally {
            database.close();
        }
    }

    /**
     * Stores {@link #EVENTS} events as {@link OneByOne} does, compacting after every 100 if asked (a pass as the
     * default interval makes it, not on a timer: the outcome must not depend on how fast the machine writes); then
     * reads the file's size and live share.
     */
    private static FileState storeOneByOne(Path dir, boolean compact) throws Exception {
        TestInbox config = embedded(dir, Duration.ZERO);
        InboxDatabase database = config.database();
        EmbeddedCompaction compaction = new EmbeddedCompaction(database.dataSource(), DEFAULT_PASS_BYTES);
        try {
            OneByOne events = new OneByOne(config.store(database));
            for (int i = 0; i < EVENTS / 100; i++) {
                events.store(100);
                if (compact) {
                    compaction.compact();
                }
            }
            return new FileState(Files.size(dir.resolve("inbox.mv.db")), compaction.liveChunkPercent());
        } finally {
            database.close();
        }
    }

    /**
     * Events stored the way a quiet service stores them: one per commit, each commit also marking the previous
     * event delivered, with bodies of about 1 KB and random dedupe keys.
     */
    private static final class OneByOne {
        private final InboxStore store;
        private final Random random = new Random(7);
        private long previous;
        private int stored;

        OneByOne(InboxStore store) {
            this.store = store;
        }

        void store(int count) throws Exception {
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                NewEvent event = new NewEvent("1400000000", "Group.CallbackAfterSendMsg", HexFormat.of().formatHex(key),
                        "key-" + stored, "SdkAppid=1400000000", BODY, NOW);
                previous = store.write(List.of(event), previous == 0 ? List.of() : List.of(previous), "node-a", true,
                        NOW, NOW + 30_000).ids()[0];
                stored++;
            }
        }
    }

    /**
     * The embedded default with H2's retention time at 0: a dead chunk is reused at once rather than after 45 s, so
     * that what the test sees in seconds is what pinned chunks do, not the retention window.
     */
    private static TestInbox embedded(Path dir, Duration compactInterval) {
        TestInbox config = new TestInbox();
        config.dataDir(dir.toString());
        config.url(config.store().url() + ";RETENTION_TIME=0");
        config.compactInterval(compactInterval);
        return config;
    }
}
