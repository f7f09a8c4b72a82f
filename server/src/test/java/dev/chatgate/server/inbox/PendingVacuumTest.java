package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.store.InboxDatabase;
import dev.chatgate.server.inbox.store.postgres.PostgresDialect;
import dev.chatgate.server.inbox.upkeep.InboxUpkeep;
import dev.chatgate.server.inbox.upkeep.UpkeepJob;
import dev.chatgate.server.inbox.store.InboxStore;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.store.WriteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pending table of a PostgreSQL inbox is vacuumed by the service itself, not only once a minute. */
class PendingVacuumTest {

    private static final long NOW = 1_700_000_000_000L;

    @Test
    void onPostgresThePendingTableIsVacuumedEveryIntervalWhileEventsPassThrough() throws Exception {
        TestInbox config = postgres(Duration.ofMillis(100));
        InboxDatabase database = config.database();
        InboxStore store = config.store(database);
        InboxUpkeep upkeep = null;
        try {
            long before = vacuumCount(database);
            upkeep = config.upkeep(database, null, "upkeep");
            assertThat(upkeep.scheduled("vacuum")).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int round = 0;
            while (vacuumCount(database) < before + 3 && System.nanoTime() < deadline) {
                passThrough(store, "vacuum-" + System.nanoTime() + "-" + round++);
            }
            assertThat(vacuumCount(database)).as("vacuums of inbox_pending by the service within 15 s")
                    .isGreaterThanOrEqualTo(before + 3);
        } finally {
            if (upkeep != null) {
                upkeep.close();
            }
            database.close();
        }
    }

    @Test
    void aVacuumLeavesTheEmptiedPendingTableItsPagesForTheNextInserts() throws Exception {
        TestInbox config = new TestInbox();
        config.url(LocalPostgres.newDatabase("vacuum"));
        InboxDatabase database = config.database();
        try {
            InboxStore store = config.store(database);
            for (int round = 0; round < 5; round++) {
                passThrough(store, "pages-" + round);
            }
            long pages = pendingPages(database);
            assertThat(pages).as("pages that 1,000 pending rows took").isGreaterThan(1);
            PostgresDialect.vacuumPending(database.dataSource());
            assertThat(pendingPages(database)).as("pages of the emptied pending table after a vacuum: cutting them off"
                    + " would lock out the writer, which would then grow the file again").isEqualTo(pages);
        } finally {
            database.close();
        }
    }

    @Test
    void aVacuumThatCannotReachTheStoreIsReportedAsFailing() throws Exception {
        TestInbox config = postgres(Duration.ofMillis(50));
        InboxDatabase database = config.database();
        InboxUpkeep upkeep = config.upkeep(database, null, "upkeep");
        UpkeepJob vacuum = upkeep.job("vacuum").orElseThrow();
        try {
            database.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!vacuum.failing() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(vacuum.failing()).as("a vacuum against a closed pool is reported as failing").isTrue();
        } finally {
            upkeep.close();
        }
    }

    @Test
    void aZeroIntervalLeavesThePendingTableToAutovacuum() {
        TestInbox config = postgres(Duration.ZERO);
        InboxDatabase database = config.database();
        try {
            try (InboxUpkeep upkeep = config.upkeep(database, null, "upkeep")) {
                assertThat(upkeep.job("vacuum")).isPresent();
                assertThat(upkeep.scheduled("vacuum")).isFalse();
            }
        } finally {
            database.close();
        }
    }

    @Test
    void anEmbeddedInboxHasNothingToVacuum(@TempDir Path dir) throws Exception {
        TestInbox config = new TestInbox();
        config.dataDir(dir.toString());
        InboxDatabase database = config.database();
        try {
            try (InboxUpkeep upkeep = config.upkeep(database, null, "upkeep")) {
                assertThat(upkeep.job("vacuum")).as("H2 leaves no dead rows to vacuum").isEmpty();
            }
        } finally {
            database.close();
        }
    }

    private static TestInbox postgres(Duration vacuumInterval) {
        TestInbox config = new TestInbox();
        config.url(LocalPostgres.url());
        config.pendingVacuumInterval(vacuumInterval);
        return config;
    }

    /**
     * Stores 200 events and marks them delivered: 200 pending rows inserted and deleted. Order keys of their own,
     * since the database is shared with other tests, whose pending events would hold back a key they share.
     */
    private static void passThrough(InboxStore store, String prefix) throws Exception {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(new NewEvent("1400000000", "Group.CallbackAfterGroupFull", TestKeys.key(prefix + "-" + i), prefix + "-k" + i,
                    "SdkAppid=1400000000", "{}", NOW));
        }
        WriteResult written = store.write(events, List.of(), "node-a", true, NOW, NOW + 30_000);
        List<Long> ids = new ArrayList<>();
        for (long id : written.ids()) {
            ids.add(id);
        }
        assertThat(store.markDone(ids, "node-a")).isEqualTo(200);
    }

    private static long pendingPages(InboxDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT pg_relation_size('inbox_pending')"
                     + " / current_setting('block_size')::bigint")) {
            rows.next();
            long pages = rows.getLong(1);
            connection.commit();
            return pages;
        }
    }

    private static long vacuumCount(InboxDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'inbox_pending'")) {
            long count = rows.next() ? rows.getLong(1) : 0;
            connection.commit();
            return count;
        }
    }
}
