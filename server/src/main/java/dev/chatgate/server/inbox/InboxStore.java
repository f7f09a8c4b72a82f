package dev.chatgate.server.inbox;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The inbox tables: {@code inbox_event} holds what was received (inserted once, purged after the retention),
 * {@code inbox_pending} the events still to deliver, {@code inbox_dead} the ones parked as dead; an event in neither
 * was delivered. Claiming is safe with many nodes on one database: an event is leased to one node at a time, and
 * only the oldest pending event of an order key can be claimed, so one key is never delivered out of order.
 */
@Singleton
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class InboxStore {

    private static final Logger LOG = LoggerFactory.getLogger(InboxStore.class);

    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    static final String DEAD = "DEAD";

    private static final String EVENT_COLUMNS = "e.id, e.app_id, e.command, e.dedupe_key, e.order_key, e.query,"
            + " e.body, e.received_at";

    private static final String INSERT = "INSERT INTO inbox_event (app_id, command, dedupe_key, order_key, query, body,"
            + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String INSERT_PENDING = "INSERT INTO inbox_pending (id, order_key, attempts,"
            + " next_attempt_at, lease_owner, lease_until) VALUES (?, ?, ?, ?, ?, ?)";

    // The writer's batch on PostgreSQL, in one statement (see writeInOneStatement). Its parts all see the table as
    // it was before the statement: "busy" (the keys with a pending event this node does not hold, as in
    // keysPendingElsewhere) leaves out the rows "done" deletes. Events are inserted in the order of the batch, so
    // their ids follow the order they were received in.
    private static final String WRITE_IN_ONE_STATEMENT = "WITH done AS ("
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

    // Candidates: due, not leased, and the head of their order key (no older pending event of the same key).
    private static final String CANDIDATES = "SELECT p.id, p.order_key FROM inbox_pending p"
            + " WHERE p.next_attempt_at <= ? AND (p.lease_until IS NULL OR p.lease_until < ?)"
            + " AND NOT EXISTS (SELECT 1 FROM inbox_pending q WHERE q.order_key = p.order_key AND q.id < p.id)"
            + " ORDER BY p.id LIMIT ?";

    // The run behind a head: the next pending events of its key, in order. It ends before the first one leased
    // (a writer leased it to its node as it stored it, and is about to give it back): skipping it would deliver
    // the events behind it first.
    private static final String RUN = "SELECT id, lease_until FROM inbox_pending WHERE order_key = ? AND id > ?"
            + " ORDER BY id LIMIT ?";

    private static final String CLAIM = "UPDATE inbox_pending SET lease_owner = ?, lease_until = ?, attempts = attempts + 1"
            + " WHERE (lease_until IS NULL OR lease_until < ?) AND id = ANY (?)";

    /** Events the purge looks at per transaction. */
    private static final int PURGE_WINDOW = 1000;

    private final DataSource dataSource;
    private final boolean postgres;
    private final boolean syncCommits;

    public InboxStore(InboxDatabase database, InboxConfiguration config) {
        this.dataSource = database.dataSource();
        this.postgres = config.isPostgres();
        this.syncCommits = !postgres && config.isSyncCommits();
        if (syncCommits) {
            checkDiskSyncAllowed();
        }
        // Before anything is written: leases of this node's previous run would otherwise hold their events
        // until they ran out. The embedded file has one process, so every lease in it is stale.
        try {
            int released = releaseLeasesAtStart(postgres ? config.getNodeId() : null);
            if (released > 0) {
                LOG.info("Released {} lease(s) left by a previous run; those events are delivered again", released);
            }
        } catch (SQLException e) {
            LOG.warn("Could not release leases left by a previous run (they run out by themselves): {}", e.getMessage());
        }
    }

    /** Writes events in one transaction, none leased; true where the event is new, false where it was stored before. */
    boolean[] insert(List<NewEvent> events, long now) throws SQLException {
        WriteResult result = write(events, List.of(), null, false, now, 0);
        boolean[] inserted = new boolean[events.size()];
        for (int i = 0; i < inserted.length; i++) {
            inserted[i] = result.ids()[i] != 0;
        }
        return inserted;
    }

    /**
     * One transaction for the writer: marks {@code done} delivered by {@code owner}, then inserts {@code events}.
     * With {@code leaseNew}, each new event whose order key has no pending event outside {@code owner}'s leases is
     * leased to {@code owner} at once (claimed as it is written, attempt 1); the others wait for a claimer.
     *
     * @return per event its id (0 where it was stored before) and whether it was leased to {@code owner}
     */
    WriteResult write(List<NewEvent> events, List<Long> done, String owner, boolean leaseNew, long now,
                      long leaseUntil) throws SQLException {
        if (postgres && !events.isEmpty()) {
            return writeInOneStatement(events, done, owner, leaseNew, now, leaseUntil);
        }
        // H2, or only done marks: statement by statement (events reach the inserts below on H2 only).
        try (Connection connection = dataSource.getConnection()) {
            try {
                if (!done.isEmpty()) {
                    markDone(connection, done, owner);
                }
                long[] ids = new long[events.size()];
                boolean[] leased = new boolean[events.size()];
                if (!events.isEmpty()) {
                    Set<String> busyKeys = leaseNew ? keysPendingElsewhere(connection, events, owner, now) : null;
                    try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[]{"id", "dedupe_key"})) {
                        for (NewEvent event : events) {
                            insert.setString(1, event.appId());
                            insert.setString(2, event.command());
                            // H2 keeps the key as its 32 bytes (migration V8), body and query as UTF-8 bytes (V4).
                            insert.setBytes(3, DedupeKeyBytes.of(event.dedupeKey()));
                            insert.setString(4, event.orderKey());
                            insert.setBytes(5, event.queryUtf8());
                            insert.setBytes(6, event.bodyUtf8());
                            insert.setLong(7, event.receivedAt());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        // Ids come back for the inserted rows only; each is matched to its event by dedupe key,
                        // so a key twice in one batch is new once, the first time.
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
                                pending.setNull(6, java.sql.Types.BIGINT);
                            }
                            pending.addBatch();
                        }
                        pending.executeBatch();
                    }
                }
                connection.commit();
                if (syncCommits && !events.isEmpty()) {
                    syncToDisk(connection);
                }
                return new WriteResult(ids, leased);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Embedded H2 ({@code sync-commits}): waits until the file's writes are on the disk. H2 writes every commit to
     * the file but leaves it to the kernel to flush, within 30 s, so without this an OK does not survive a power
     * loss. {@code CHECKPOINT SYNC} syncs the file ({@code FileChannel.force}) after committing whatever H2 holds.
     */
    private static void syncToDisk(Connection connection) throws SQLException {
        try (Statement sync = connection.createStatement()) {
            sync.execute("CHECKPOINT SYNC");
        }
    }

    /** {@code CHECKPOINT SYNC} needs an H2 admin: refused, every commit would fail, so the service does not start. */
    private void checkDiskSyncAllowed() {
        try (Connection connection = dataSource.getConnection()) {
            syncToDisk(connection);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("chatgate.inbox.sync-commits needs an H2 admin user, which can run"
                    + " CHECKPOINT SYNC (the default user sa is one): " + e.getMessage(), e);
        }
    }

    /**
     * PostgreSQL: the whole write as one statement in its own transaction, so one round trip to the server
     * stores the batch and commits it, where separate statements took five (and every round trip on a busy
     * machine is a wait for the scheduler on both sides). The events travel as arrays, one per column, so the
     * statement's text and plan are the same whatever the batch size.
     */
    private WriteResult writeInOneStatement(List<NewEvent> events, List<Long> done, String owner, boolean leaseNew,
                                            long now, long leaseUntil) throws SQLException {
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
        try (Connection connection = autocommitConnection()) {
            try (PreparedStatement write = connection.prepareStatement(WRITE_IN_ONE_STATEMENT)) {
                Array doneIds = idArray(connection, done);
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

    /** Ids per written event (0: stored before), and which of them were leased to the writer's node. */
    record WriteResult(long[] ids, boolean[] leased) {
    }

    /**
     * The order keys among {@code events} that have a pending event this node does not hold: leased to another
     * node, waiting for a retry, given back, or leased to this node with the lease run out (its failure could not
     * be recorded, and a claimer takes it next). A new event of such a key must queue behind it in the database.
     * H2 only: PostgreSQL looks the keys up inside {@link #WRITE_IN_ONE_STATEMENT}.
     */
    private Set<String> keysPendingElsewhere(Connection connection, List<NewEvent> events, String owner, long now)
            throws SQLException {
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

    /**
     * Gives back every lease of {@code owner}, or of every node when {@code owner} is null (an embedded store
     * has one process): a node that starts holds nothing yet, whatever its previous run had claimed.
     */
    int releaseLeasesAtStart(String owner) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE inbox_pending SET lease_owner = NULL,"
                     + " lease_until = NULL WHERE lease_owner IS NOT NULL"
                     + (owner == null ? "" : " AND lease_owner = ?"))) {
            if (owner != null) {
                update.setString(1, owner);
            }
            int count = update.executeUpdate();
            connection.commit();
            return count;
        }
    }

    /**
     * Leases deliverable events to {@code owner} until {@code leaseUntil}: the head of each order key and up to
     * {@code perKey - 1} events queued behind it, at most {@code limit} in all, in id order.
     */
    List<StoredEvent> claim(String owner, long now, long leaseUntil, int limit, int perKey) throws SQLException {
        return claim(owner, now, leaseUntil, limit, perKey, keys -> { });
    }

    /**
     * As {@link #claim(String, long, long, int, int)}, telling {@code beforeCommit} the order keys of the claimed
     * events just before the leases become visible to other transactions.
     */
    List<StoredEvent> claim(String owner, long now, long leaseUntil, int limit, int perKey,
                            Consumer<Set<String>> beforeCommit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                List<Long> ids = new ArrayList<>();
                Map<Long, String> heads = new LinkedHashMap<>();
                try (PreparedStatement select = connection.prepareStatement(
                        postgres ? CANDIDATES + " FOR UPDATE OF p SKIP LOCKED" : CANDIDATES)) {
                    select.setLong(1, now);
                    select.setLong(2, now);
                    select.setInt(3, limit);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            heads.put(rows.getLong(1), rows.getString(2));
                        }
                    }
                }
                if (perKey > 1) {
                    try (PreparedStatement run = connection.prepareStatement(
                            postgres ? RUN + " FOR UPDATE" : RUN)) {
                        for (Map.Entry<Long, String> head : heads.entrySet()) {
                            ids.add(head.getKey());
                            if (ids.size() >= limit) {
                                break;
                            }
                            run.setString(1, head.getValue());
                            run.setLong(2, head.getKey());
                            run.setInt(3, Math.min(perKey - 1, limit - ids.size()));
                            try (ResultSet rows = run.executeQuery()) {
                                while (rows.next()) {
                                    long leasedUntil = rows.getLong(2);
                                    if (!rows.wasNull() && leasedUntil >= now) {
                                        break;
                                    }
                                    ids.add(rows.getLong(1));
                                }
                            }
                        }
                    }
                } else {
                    ids.addAll(heads.keySet());
                }
                List<Long> claimed = new ArrayList<>();
                if (!ids.isEmpty()) {
                    try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                        claim.setString(1, owner);
                        claim.setLong(2, leaseUntil);
                        claim.setLong(3, now);
                        setIds(claim, 4, ids);
                        claim.executeUpdate();
                    }
                    // Read back what this node now owns: on H2 another claimer could have won a row in between.
                    claimed.addAll(ids);
                }
                List<StoredEvent> events = read(connection, claimed).stream()
                        .filter(e -> owner.equals(e.leaseOwner()) && e.leaseUntil() == leaseUntil).toList();
                if (!events.isEmpty()) {
                    beforeCommit.accept(events.stream().map(StoredEvent::orderKey).collect(Collectors.toSet()));
                }
                connection.commit();
                return events;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Leases only the heads of their order keys (one event per key). */
    List<StoredEvent> claim(String owner, long now, long leaseUntil, int limit) throws SQLException {
        return claim(owner, now, leaseUntil, limit, 1);
    }

    /** Gives back claimed events that were not attempted (behind a failed one of their key): no attempt counted. */
    void release(List<Long> ids, String owner) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE inbox_pending SET lease_owner = NULL,"
                     + " lease_until = NULL, attempts = attempts - 1 WHERE lease_owner = ?"
                     + " AND id = ANY (?)")) {
            update.setString(1, owner);
            setIds(update, 2, ids);
            update.executeUpdate();
            connection.commit();
        }
    }

    /** Marks a delivered event done, if this node still owns it. */
    boolean markDone(long id, String owner) throws SQLException {
        return markDone(List.of(id), owner) == 1;
    }

    /** Marks delivered events done in one statement; returns how many this node still owned. */
    int markDone(List<Long> ids, String owner) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            int count = markDone(connection, ids, owner);
            connection.commit();
            return count;
        }
    }

    /** Delivered: the event leaves the pending table (the retention counts from its receipt). */
    private static int markDone(Connection connection, List<Long> ids, String owner) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM inbox_pending"
                + " WHERE lease_owner = ? AND id = ANY (?)")) {
            delete.setString(1, owner);
            setIds(delete, 2, ids);
            return delete.executeUpdate();
        }
    }

    /**
     * Ids go in as one array parameter ({@code id = ANY (?)}), not an IN list: one statement text whatever their
     * number, so both databases prepare and plan it once instead of once per list length.
     */
    private static void setIds(PreparedStatement statement, int index, List<Long> ids) throws SQLException {
        statement.setArray(index, idArray(statement.getConnection(), ids));
    }

    private static Array idArray(Connection connection, List<Long> ids) throws SQLException {
        return connection.createArrayOf("BIGINT", ids.toArray());
    }

    /**
     * A connection in autocommit, for what must run outside a transaction block or is one on its own. The pool's
     * connections are not; HikariCP sets autocommit back when this one is returned, also after a failure.
     */
    private Connection autocommitConnection() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Records a failed delivery: back to pending at {@code nextAttemptAt}, or parked as dead. */
    boolean markFailed(long id, String owner, String error, long nextAttemptAt, boolean dead, long now)
            throws SQLException {
        String trimmed = error.length() > 4000 ? error.substring(0, 4000) : error;
        return inTransaction(connection -> {
            if (!dead) {
                return execute(connection, "UPDATE inbox_pending SET last_error = ?, next_attempt_at = ?,"
                        + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                        trimmed, nextAttemptAt, id, owner) == 1;
            }
            boolean parked = execute(connection, "INSERT INTO inbox_dead (id, attempts, last_error, finished_at)"
                    + " SELECT id, attempts, ?, ? FROM inbox_pending WHERE id = ? AND lease_owner = ?",
                    trimmed, now, id, owner) == 1;
            if (parked) {
                execute(connection, "DELETE FROM inbox_pending WHERE id = ?", id);
            }
            return parked;
        });
    }

    /** Events of one status, oldest first. */
    List<StoredEvent> list(String status, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(select(status) + " ORDER BY e.id LIMIT ?")) {
            select.setInt(1, limit);
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(row(rows, status));
                }
            }
            connection.commit();
            return out;
        }
    }

    /** The events of {@code status} with the columns {@link #row} reads. */
    private static String select(String status) {
        return switch (status) {
            case PENDING -> "SELECT " + EVENT_COLUMNS + ", p.attempts, p.last_error, p.lease_owner, p.lease_until"
                    + " FROM inbox_event e JOIN inbox_pending p ON p.id = e.id";
            case DEAD -> "SELECT " + EVENT_COLUMNS + ", d.attempts, d.last_error, NULL AS lease_owner,"
                    + " NULL AS lease_until FROM inbox_event e JOIN inbox_dead d ON d.id = e.id";
            case DONE -> "SELECT " + EVENT_COLUMNS + ", 0 AS attempts, NULL AS last_error, NULL AS lease_owner,"
                    + " NULL AS lease_until FROM inbox_event e WHERE NOT EXISTS (SELECT 1 FROM inbox_pending p"
                    + " WHERE p.id = e.id) AND NOT EXISTS (SELECT 1 FROM inbox_dead d WHERE d.id = e.id)";
            default -> throw new IllegalArgumentException("no such status: " + status);
        };
    }

    /** Puts a dead event back in line for delivery, with a fresh count of attempts. */
    boolean replay(long id, long now) throws SQLException {
        return inTransaction(connection -> execute(connection, "DELETE FROM inbox_dead WHERE id = ?", id) == 1
                && execute(connection, "INSERT INTO inbox_pending (id, order_key, attempts, next_attempt_at)"
                + " SELECT id, order_key, 0, ? FROM inbox_event WHERE id = ?", now, id) == 1);
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** One statement with these parameters, in order; the number of rows it changed. */
    private static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /**
     * Deletes delivered events received before {@code before}; returns how many. Walks the events in id order (the
     * order they were stored in) a window at a time, one short transaction each, and stops at the first window
     * with nothing received before the cut-off: pending and dead events are kept, whatever their age.
     */
    int purgeDone(long before) throws SQLException {
        int deleted = 0;
        long after = Long.MIN_VALUE;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement window = connection.prepareStatement("SELECT id, received_at FROM inbox_event"
                     + " WHERE id > ? ORDER BY id LIMIT " + PURGE_WINDOW)) {
            while (true) {
                List<Long> old = new ArrayList<>();
                int seen = 0;
                boolean newer = false;
                window.setLong(1, after);
                try (ResultSet rows = window.executeQuery()) {
                    while (rows.next()) {
                        seen++;
                        after = rows.getLong(1);
                        if (rows.getLong(2) < before) {
                            old.add(after);
                        } else {
                            newer = true;
                        }
                    }
                }
                if (!old.isEmpty()) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM inbox_event e"
                            + " WHERE e.id = ANY (?)"
                            + " AND NOT EXISTS (SELECT 1 FROM inbox_pending p WHERE p.id = e.id)"
                            + " AND NOT EXISTS (SELECT 1 FROM inbox_dead d WHERE d.id = e.id)")) {
                        setIds(delete, 1, old);
                        deleted += delete.executeUpdate();
                    }
                }
                connection.commit();
                if (seen < PURGE_WINDOW || (newer && old.isEmpty())) {
                    return deleted;
                }
            }
        }
    }

    /**
     * PostgreSQL: vacuums the pending table (skipped at once while another node's vacuum holds it) and returns
     * true. H2 leaves no dead rows behind: false, nothing done.
     */
    boolean vacuumPending() throws SQLException {
        if (!postgres) {
            return false;
        }
        // VACUUM cannot run inside a transaction block.
        try (Connection connection = autocommitConnection();
             Statement vacuum = connection.createStatement()) {
            vacuum.execute("VACUUM (SKIP_LOCKED) inbox_pending");
            return true;
        }
    }

    long count(String status) throws SQLException {
        String sql = switch (status) {
            case PENDING -> "SELECT COUNT(*) FROM inbox_pending";
            case DEAD -> "SELECT COUNT(*) FROM inbox_dead";
            case DONE -> "SELECT (SELECT COUNT(*) FROM inbox_event) - (SELECT COUNT(*) FROM inbox_pending)"
                    + " - (SELECT COUNT(*) FROM inbox_dead)";
            default -> throw new IllegalArgumentException("no such status: " + status);
        };
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            long count = rows.getLong(1);
            connection.commit();
            return count;
        }
    }

    private List<StoredEvent> read(Connection connection, List<Long> ids) throws SQLException {
        List<StoredEvent> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement select = connection.prepareStatement(
                select(PENDING) + " WHERE e.id = ANY (?) ORDER BY e.id")) {
            setIds(select, 1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(row(rows, PENDING));
                }
            }
        }
        return out;
    }

    /** Body and query: text on PostgreSQL, UTF-8 bytes on H2 (see its migration V4). */
    private String text(ResultSet rows, String column) throws SQLException {
        if (postgres) {
            return rows.getString(column);
        }
        byte[] bytes = rows.getBytes(column);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Text on PostgreSQL, its 32 bytes on H2 (see its migration V8). */
    private String dedupeKey(ResultSet rows) throws SQLException {
        return postgres ? rows.getString("dedupe_key") : DedupeKeyBytes.text(rows.getBytes("dedupe_key"));
    }

    private StoredEvent row(ResultSet rows, String status) throws SQLException {
        return new StoredEvent(rows.getLong("id"), rows.getString("app_id"), rows.getString("command"),
                dedupeKey(rows), rows.getString("order_key"), text(rows, "query"),
                text(rows, "body"), rows.getLong("received_at"), status,
                rows.getInt("attempts"), rows.getString("last_error"), rows.getString("lease_owner"),
                rows.getLong("lease_until"));
    }
}
