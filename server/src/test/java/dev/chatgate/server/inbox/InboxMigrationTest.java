package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.store.InboxDatabase;
import dev.chatgate.server.inbox.store.InboxStore;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.store.StoredEvent;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An inbox written by the previous schema (one table, a status column) keeps every event where it was. */
class InboxMigrationTest {

    @Test
    void anEmbeddedInboxOfTheOneTableSchemaKeepsItsPendingDeadAndDeliveredEvents(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("inbox") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        migratesKeepingEveryEvent(url, false, "classpath:db/migration", "classpath:db/h2");
    }

    @Test
    void anEmbeddedInboxKeepsItsDedupeKeysAsTheirBytesAndStillRefusesARetryOfAnEventStoredBefore(@TempDir Path dir)
            throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("inbox") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        TestInbox config = new TestInbox();
        config.url(url);
        Flyway.configure().dataSource(url, config.user(), config.store().password())
                .locations("classpath:db/migration", "classpath:db/h2").target("6").load().migrate();
        String legacy = "not-a-hex-key";
        try (Connection connection = DriverManager.getConnection(url, config.user(), config.store().password())) {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO inbox_event (app_id, command,"
                    + " dedupe_key, order_key, query, body, received_at) VALUES ('1400000000',"
                    + " 'Group.CallbackAfterGroupFull', ?, ?, ?, ?, 1000)");
            for (String key : List.of(TestKeys.key("old-1"), TestKeys.key("old-2"), legacy)) {
                insert.setString(1, key);
                insert.setString(2, "k-" + key);
                insert.setBytes(3, "SdkAppid=1400000000".getBytes(StandardCharsets.UTF_8));
                insert.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
        }

        InboxDatabase database = config.database();
        try {
            try (Connection connection = database.dataSource().getConnection();
                 ResultSet sizes = connection.createStatement().executeQuery(
                         "SELECT OCTET_LENGTH(dedupe_key) FROM inbox_event")) {
                List<Integer> lengths = new ArrayList<>();
                while (sizes.next()) {
                    lengths.add(sizes.getInt(1));
                }
                assertThat(lengths).as("every key as its 32 bytes, not 64 characters").containsExactly(32, 32, 32);
            }
            InboxStore store = config.store(database);
            assertThat(store.list(InboxStore.DONE, 10)).extracting(StoredEvent::dedupeKey).as("the same keys, as text")
                    .containsExactly(TestKeys.key("old-1"), TestKeys.key("old-2"), TestKeys.key(legacy));
            NewEvent retry = new NewEvent("1400000000", "Group.CallbackAfterGroupFull", TestKeys.key("old-2"), "k",
                    "SdkAppid=1400000000", "{}", 2000);
            NewEvent fresh = new NewEvent("1400000000", "Group.CallbackAfterGroupFull", TestKeys.key("new"), "k",
                    "SdkAppid=1400000000", "{}", 2000);
            assertThat(store.insert(List.of(retry, fresh), 2000)).as("the retry of an event stored before the migration")
                    .containsExactly(false, true);
        } finally {
            database.close();
        }
    }

    @Test
    void aPostgresInboxOfTheOneTableSchemaKeepsItsPendingDeadAndDeliveredEvents() throws Exception {
        migratesKeepingEveryEvent(LocalPostgres.newDatabase("migration"), true, "classpath:db/migration");
    }

    @Test
    void aPostgresInboxComparesItsKeysAsBytesWhateverTheDatabasesCollation() throws Exception {
        TestInbox config = new TestInbox();
        config.url(LocalPostgres.newDatabase("migration"));
        InboxDatabase database = config.database();
        try (Connection connection = database.dataSource().getConnection();
             ResultSet columns = connection.createStatement().executeQuery("SELECT table_name, column_name,"
                     + " collation_name FROM information_schema.columns WHERE column_name IN ('dedupe_key', 'order_key')"
                     + " ORDER BY table_name, column_name")) {
            List<String> collations = new ArrayList<>();
            while (columns.next()) {
                collations.add(columns.getString(1) + "." + columns.getString(2) + " " + columns.getString(3));
            }
            assertThat(collations).containsExactly("inbox_event.dedupe_key C", "inbox_event.order_key C",
                    "inbox_pending.order_key C");
        } finally {
            database.close();
        }
    }

    private static void migratesKeepingEveryEvent(String url, boolean postgres, String... locations) throws Exception {
        TestInbox config = new TestInbox();
        config.url(url);
        Flyway.configure().dataSource(url, config.user(), config.store().password()).locations(locations).target("5")
                .load().migrate();
        try (Connection connection = DriverManager.getConnection(url, config.user(), config.store().password())) {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO inbox_event (app_id, command,"
                    + " dedupe_key, order_key, query, body, received_at, status, attempts, next_attempt_at, lease_owner,"
                    + " lease_until, last_error, finished_at) VALUES ('1400000000', 'Group.CallbackAfterGroupFull', ?, ?,"
                    + " ?, ?, 1000, ?, ?, 5000, ?, ?, ?, ?)");
            Object[][] rows = {
                    {"delivered", "k1", "DONE", 1, null, null, null, 2000L},
                    {"retrying", "k2", "PENDING", 2, "node-a", 9000L, "timed out", null},
                    {"dead", "k3", "DEAD", 5, null, null, "listener broke", 3000L},
            };
            for (Object[] row : rows) {
                insert.setString(1, TestKeys.key((String) row[0]));
                insert.setString(2, (String) row[1]);
                String body = "{\"GroupId\":\"" + row[0] + "\"}";
                if (postgres) {
                    insert.setString(3, "SdkAppid=1400000000");
                    insert.setString(4, body);
                } else {
                    insert.setBytes(3, "SdkAppid=1400000000".getBytes(StandardCharsets.UTF_8));
                    insert.setBytes(4, body.getBytes(StandardCharsets.UTF_8));
                }
                insert.setString(5, (String) row[2]);
                insert.setInt(6, (Integer) row[3]);
                insert.setObject(7, row[4]);
                insert.setObject(8, row[5]);
                insert.setObject(9, row[6]);
                insert.setObject(10, row[7]);
                insert.executeUpdate();
            }
        }

        InboxDatabase database = config.database();
        try {
            InboxStore store = config.store(database);
            assertThat(store.list(InboxStore.DONE, 10)).extracting(StoredEvent::dedupeKey).containsExactly(TestKeys.key("delivered"));
            assertThat(store.list(InboxStore.DEAD, 10)).singleElement().satisfies(e -> {
                assertThat(e.dedupeKey()).isEqualTo(TestKeys.key("dead"));
                assertThat(e.attempts()).isEqualTo(5);
                assertThat(e.lastError()).isEqualTo("listener broke");
                assertThat(e.body()).isEqualTo("{\"GroupId\":\"dead\"}");
            });
            assertThat(store.list(InboxStore.PENDING, 10)).singleElement().satisfies(e -> {
                assertThat(e.dedupeKey()).isEqualTo(TestKeys.key("retrying"));
                assertThat(e.orderKey()).isEqualTo("k2");
                assertThat(e.attempts()).isEqualTo(2);
                assertThat(e.lastError()).isEqualTo("timed out");
            });
            assertThat(store.claim("node-b", 10_000, 40_000, 10)).as("the retry is due and its lease ran out")
                    .extracting(StoredEvent::dedupeKey).containsExactly(TestKeys.key("retrying"));
        } finally {
            database.close();
        }
    }
}
