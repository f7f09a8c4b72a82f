package dev.chatgate.server.inbox.store.h2;

import dev.chatgate.server.inbox.store.DedupeKeyBytes;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.store.Sql;
import dev.chatgate.server.inbox.store.WriteResult;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The writer's transaction on H2, statement by statement: in process, a round trip costs nothing. */
final class H2Writes {

    private static final String INSERT = "INSERT INTO inbox_event (app_id, command, dedupe_key, order_key, query, body,"
            + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String INSERT_PENDING = "INSERT INTO inbox_pending (id, order_key, attempts,"
            + " next_attempt_at, lease_owner, lease_until) VALUES (?, ?, ?, ?, ?, ?)";

    private H2Writes() {
    }

    static WriteResult write(Connection connection, List<NewEvent> events, List<Long> done, String owner,
                             boolean leaseNew, long now, long leaseUntil) throws SQLException {
        if (!done.isEmpty()) {
            Sql.markDone(connection, done, owner);
        }
        long[] ids = new long[events.size()];
        boolean[] leased = new boolean[events.size()];
        if (events.isEmpty()) {
            return new WriteResult(ids, leased);
        }
        Set<String> busyKeys = leaseNew ? keysPendingElsewhere(connection, events, owner, now) : null;
        try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[]{"id", "dedupe_key"})) {
            for (NewEvent event : events) {
                insert.setString(1, event.appId());
                insert.setString(2, event.command());
                // The key as its 32 bytes (migration V8), body and query as UTF-8 bytes (V4).
                insert.setBytes(3, DedupeKeyBytes.of(event.dedupeKey()));
                insert.setString(4, event.orderKey());
                insert.setBytes(5, event.queryUtf8());
                insert.setBytes(6, event.bodyUtf8());
                insert.setLong(7, event.receivedAt());
                insert.addBatch();
            }
            insert.executeBatch();
            // Ids come back for the inserted rows only; each is matched to its event by dedupe key, so a key twice
            // in one batch is new once, the first time.
            Map<String, Long> inserted = new HashMap<>();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    inserted.put(DedupeKeyBytes.text(keys.getBytes(2)), keys.getLong(1));
                }
            }
            for (int i = 0; i < events.size(); i++) {
                Long id = inserted.remove(events.get(i).dedupeKey());
                ids[i] = id == null ? 0 : id;
            }
        }
        try (PreparedStatement pending = connection.prepareStatement(INSERT_PENDING)) {
            for (int i = 0; i < events.size(); i++) {
                if (ids[i] == 0) {
                    continue;
                }
                leased[i] = busyKeys != null && !busyKeys.contains(events.get(i).orderKey());
                pending.setLong(1, ids[i]);
                pending.setString(2, events.get(i).orderKey());
                pending.setInt(3, leased[i] ? 1 : 0);
                pending.setLong(4, now);
                pending.setString(5, leased[i] ? owner : null);
                if (leased[i]) {
                    pending.setLong(6, leaseUntil);
                } else {
                    pending.setNull(6, Types.BIGINT);
                }
                pending.addBatch();
            }
            pending.executeBatch();
        }
        return new WriteResult(ids, leased);
    }

    /**
     * The order keys among {@code events} that have a pending event this node does not hold: leased to another
     * node, waiting for a retry, given back, or leased to this node with the lease run out (its failure could not
     * be recorded, and a claimer takes it next). A new event of such a key must queue behind it in the database.
     */
    private static Set<String> keysPendingElsewhere(Connection connection, List<NewEvent> events, String owner,
                                                    long now) throws SQLException {
        Set<String> busy = new HashSet<>();
        Set<String> keys = new LinkedHashSet<>(events.stream().map(NewEvent::orderKey).toList());
        // In process, one lookup per key: H2 then seeks the key in the index instead of walking it for an IN list.
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM inbox_pending WHERE order_key = ?"
                + " AND (lease_owner IS NULL OR lease_owner <> ? OR lease_until < ?) LIMIT 1")) {
            for (String key : keys) {
                select.setString(1, key);
                select.setString(2, owner);
                select.setLong(3, now);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        busy.add(key);
                    }
                }
            }
        }
        return busy;
    }
}
