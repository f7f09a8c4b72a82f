package dev.chatgate.server.inbox;

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
        InboxConfiguration config = postgres(Duration.ofMillis(100));
        InboxDatabase database = new InboxDatabase(config);
        InboxStore store = new InboxStore(database, config);
        PendingVacuum vacuum = null;
        try {
            long before = vacuumCount(database);
            vacuum = new PendingVacuum(store, config);
            assertThat(vacuum.scheduled()).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int round = 0;
            while (vacuumCount(database) < before + 3 && System.nanoTime() < deadline) {
                passThrough(store, "vacuum-" + System.nanoTime() + "-" + round++);
            }
            assertThat(vacuumCount(database)).as("vacuums of inbox_pending by the service within 15 s")
                    .isGreaterThanOrEqualTo(before + 3);
        } finally {
            if (vacuum != null) {
                vacuum.stop();
            }
            database.close();
        }
    }

    @Test
    void aVacuumLeavesTheEmptiedPendingTableItsPagesForTheNextInserts() throws Exception {
        InboxConfiguration config = new InboxConfiguration();
        config.setUrl(LocalPostgres.newDatabase("vacuum"));
        InboxDatabase database = new InboxDatabase(config);
        try {
            InboxStore store = new InboxStore(database, config);
            for (int round = 0; round < 5; round++) {
                passThrough(store, "pages-" + round);
            }
            long pages = pendingPages(database);
            assertThat(pages).as("pages that 1,000 pending rows took").isGreaterThan(1);
            assertThat(store.vacuumPending()).isTrue();
            assertThat(pendingPages(database)).as("pages of the emptied pending table after a vacuum: cutting them off"
                    + " would lock out the writer, which would then grow the file again").isEqualTo(pages);
        } finally {
            database.close();
        }
    }

    @Test
    void aVacuumThatCannotReachTheStoreIsReportedAsFailing() throws Exception {
        InboxConfiguration config = postgres(Duration.ofMillis(50));
        InboxDatabase database = new InboxDatabase(config);
        PendingVacuum vacuum = new PendingVacuum(new InboxStore(database, config), config);
        try {
            database.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!vacuum.failing() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(vacuum.failing()).as("a vacuum against a closed pool is reported as failing").isTrue();
        } finally {
            vacuum.stop();
        }
    }

    @Test
    void aZeroIntervalLeavesThePendingTableToAutovacuum() {
        InboxConfiguration config = postgres(Duration.ZERO);
        InboxDatabase database = new InboxDatabase(config);
        try {
            assertThat(new PendingVacuum(new InboxStore(database, config), config).scheduled()).isFalse();
        } finally {
            database.close();
        }
    }

    @Test
    void anEmbeddedInboxHasNothingToVacuum(@TempDir Path dir) throws Exception {
        InboxConfiguration config = new InboxConfiguration();
        config.setDataDir(dir.toString());
        InboxDatabase database = new InboxDatabase(config);
        try {
            InboxStore store = new InboxStore(database, config);
            assertThat(new PendingVacuum(store, config).scheduled()).isFalse();
            assertThat(store.vacuumPending()).as("H2 leaves no dead rows to vacuum").isFalse();
        } finally {
            database.close();
        }
    }

    private static InboxConfiguration postgres(Duration vacuumInterval) {
        InboxConfiguration config = new InboxConfiguration();
        config.setUrl(LocalPostgres.url());
        config.setPendingVacuumInterval(vacuumInterval);
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
        InboxStore.WriteResult written = store.write(events, List.of(), "node-a", true, NOW, NOW + 30_000);
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
