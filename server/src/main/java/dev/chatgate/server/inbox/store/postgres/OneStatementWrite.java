package dev.chatgate.server.inbox.store.postgres;

import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.store.Sql;
import dev.chatgate.server.inbox.store.WriteResult;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer's batch on PostgreSQL as one statement in its own transaction, so one round trip to the server stores
 * the batch and commits it, where separate statements took five (and every round trip on a busy machine is a wait
 * for the scheduler on both sides). The events travel as arrays, one per column, so the statement's text and plan
 * are the same whatever the batch size.
 */
final class OneStatementWrite {

    // Its parts all see the table as it was before the statement: "busy" (the keys with a pending event this node
    // does not hold) leaves out the rows "done" deletes. Events are inserted in the order of the batch, so their ids
    // follow the order they were received in.
    private static final String WRITE = "WITH done AS ("
            + " DELETE FROM inbox_pending WHERE lease_owner = ?::varchar AND id = ANY (?::bigint[]) RETURNING id),"
            + " busy AS (SELECT DISTINCT order_key FROM inbox_pending WHERE order_key = ANY (?::varchar[])"
            + " AND (lease_owner IS NULL OR lease_owner <> ?::varchar"
            + " OR (lease_owner = ?::varchar AND lease_until < ?::bigint AND id <> ALL (?::bigint[])))),"
            + " ins AS (INSERT INTO inbox_event (app_id, command, dedupe_key, order_key, query, body, received_at)"
            + " SELECT app_id, command, dedupe_key, order_key, query, body, received_at"
            + " FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::text[], ?::bigint[])"
            + " WITH ORDINALITY AS batch (app_id, command, dedupe_key, order_key, query, body, received_at, n)"
            + " ORDER BY n ON CONFLICT DO NOTHING RETURNING id, dedupe_key, order_key),"
            + " fresh AS (SELECT id, dedupe_key, order_key,"
            + " ?::boolean AND order_key NOT IN (SELECT order_key FROM busy) AS leased FROM ins),"
            + " pending AS (INSERT INTO inbox_pending (id, order_key, attempts, next_attempt_at, lease_owner, lease_until)"
            + " SELECT id, order_key, CASE WHEN leased THEN 1 ELSE 0 END, ?::bigint,"
            + " CASE WHEN leased THEN ?::varchar END, CASE WHEN leased THEN ?::bigint END FROM fresh)"
            + " SELECT id, dedupe_key, leased FROM fresh";

    private OneStatementWrite() {
    }

    static WriteResult write(DataSource dataSource, List<NewEvent> events, List<Long> done, String owner,
                             boolean leaseNew, long now, long leaseUntil) throws SQLException {
        int size = events.size();
        String[] apps = new String[size];
        String[] commands = new String[size];
        String[] dedupeKeys = new String[size];
        String[] orderKeys = new String[size];
        String[] queries = new String[size];
        String[] bodies = new String[size];
        Long[] receivedAt = new Long[size];
        for (int i = 0; i < size; i++) {
            NewEvent event = events.get(i);
            apps[i] = event.appId();
            commands[i] = event.command();
            dedupeKeys[i] = event.dedupeKey();
            orderKeys[i] = event.orderKey();
            queries[i] = event.query();
            bodies[i] = event.body();
            receivedAt[i] = event.receivedAt();
        }
        try (Connection connection = Sql.autocommitConnection(dataSource);
             PreparedStatement write = connection.prepareStatement(WRITE)) {
            Array doneIds = Sql.idArray(connection, done);
            int p = 1;
            write.setString(p++, owner);
            write.setArray(p++, doneIds);
            write.setArray(p++, connection.createArrayOf("varchar", orderKeys));
            write.setString(p++, owner);
            write.setString(p++, owner);
            write.setLong(p++, now);
            write.setArray(p++, doneIds);
            write.setArray(p++, connection.createArrayOf("varchar", apps));
            write.setArray(p++, connection.createArrayOf("varchar", commands));
            write.setArray(p++, connection.createArrayOf("varchar", dedupeKeys));
            write.setArray(p++, connection.createArrayOf("varchar", orderKeys));
            write.setArray(p++, connection.createArrayOf("text", queries));
            write.setArray(p++, connection.createArrayOf("text", bodies));
            write.setArray(p++, connection.createArrayOf("bigint", receivedAt));
            write.setBoolean(p++, leaseNew);
            write.setLong(p++, now);
            write.setString(p++, owner);
            write.setLong(p, leaseUntil);
            Map<String, long[]> inserted = new HashMap<>();
            try (ResultSet rows = write.executeQuery()) {
                while (rows.next()) {
                    inserted.put(rows.getString(2), new long[]{rows.getLong(1), rows.getBoolean(3) ? 1 : 0});
                }
            }
            long[] ids = new long[size];
            boolean[] leased = new boolean[size];
            for (int i = 0; i < size; i++) {
                long[] row = inserted.remove(dedupeKeys[i]);
                ids[i] = row == null ? 0 : row[0];
                leased[i] = row != null && row[1] == 1;
            }
            return new WriteResult(ids, leased);
        }
    }
}
