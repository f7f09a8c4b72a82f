package dev.chatgate.server.inbox;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The inbox table. Claiming is safe with many nodes on one database: an event is leased to one node at a time,
 * and only the oldest pending event of an order key can be claimed, so one key is never delivered out of order.
 */
@Singleton
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class InboxStore {

    private static final Logger LOG = LoggerFactory.getLogger(InboxStore.class);

    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    static final String DEAD = "DEAD";

    private static final String COLUMNS = "id, app_id, command, dedupe_key, order_key, query, body, received_at,"
            + " status, attempts, last_error, lease_owner, lease_until";

    private static final String INSERT = "INSERT INTO inbox_event (app_id, command, dedupe_key, order_key, query, body,"
            + " received_at, status, next_attempt_at, attempts, lease_owner, lease_until)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    // Candidates: due, not leased, and the head of their order key (no older pending event of the same key).
    private static final String CANDIDATES = "SELECT e.id, e.order_key FROM inbox_event e WHERE e.status = 'PENDING'"
            + " AND e.next_attempt_at <= ? AND (e.lease_until IS NULL OR e.lease_until < ?)"
            + " AND NOT EXISTS (SELECT 1 FROM inbox_event p WHERE p.order_key = e.order_key AND p.id < e.id"
            + " AND p.status = 'PENDING') ORDER BY e.id LIMIT ?";

    // The run behind a head: the next pending events of its key, in order. It ends before the first one leased
    // (a writer leased it to its node as it stored it, and is about to give it back): skipping it would deliver
    // the events behind it first.
    private static final String RUN = "SELECT id, lease_until FROM inbox_event WHERE order_key = ? AND status = 'PENDING'"
            + " AND id > ? ORDER BY id LIMIT ?";

    private static final String CLAIM = "UPDATE inbox_event SET lease_owner = ?, lease_until = ?, attempts = attempts + 1"
            + " WHERE status = 'PENDING' AND (lease_until IS NULL OR lease_until < ?) AND id IN ";

    private final DataSource dataSource;
    private final boolean postgres;

    public InboxStore(InboxDatabase database, InboxConfiguration config) {
        this.dataSource = database.dataSource();
        this.postgres = config.isPostgres();
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
        try (Connection connection = dataSource.getConnection()) {
            try {
                if (!done.isEmpty()) {
                    markDone(connection, done, owner, now);
                }
                long[] ids = new long[events.size()];
                boolean[] leased = new boolean[events.size()];
                if (!events.isEmpty()) {
                    Set<String> busyKeys = leaseNew ? keysPendingElsewhere(connection, events, owner) : null;
                    try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[]{"id"})) {
                        for (int i = 0; i < events.size(); i++) {
                            NewEvent event = events.get(i);
                            leased[i] = busyKeys != null && !busyKeys.contains(event.orderKey());
                            insert.setString(1, event.appId());
                            insert.setString(2, event.command());
                            insert.setString(3, event.dedupeKey());
                            insert.setString(4, event.orderKey());
                            setText(insert, 5, event.query());
                            setText(insert, 6, event.body());
                            insert.setLong(7, event.receivedAt());
                            insert.setLong(8, now);
                            insert.setInt(9, leased[i] ? 1 : 0);
                            insert.setString(10, leased[i] ? owner : null);
                            if (leased[i]) {
                                insert.setLong(11, leaseUntil);
                            } else {
                                insert.setNull(11, java.sql.Types.BIGINT);
                            }
                            insert.addBatch();
                        }
                        int[] counts = insert.executeBatch();
                        try (ResultSet keys = insert.getGeneratedKeys()) {
                            for (int i = 0; i < counts.length; i++) {
                                if (counts[i] != 0) {
                                    if (!keys.next()) {
                                        throw new SQLException("the database returned fewer ids than rows inserted");
                                    }
                                    ids[i] = keys.getLong(1);
                                } else {
                                    leased[i] = false;
                                }
                            }
                        }
                    }
                }
                connection.commit();
                return new WriteResult(ids, leased);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Ids per written event (0: stored before), and which of them were leased to the writer's node. */
    record WriteResult(long[] ids, boolean[] leased) {
    }

    /**
     * The order keys among {@code events} that have a pending event this node does not hold: leased to another
     * node, waiting for a retry, or given back. A new event of such a key must queue behind it in the database.
     */
    private Set<String> keysPendingElsewhere(Connection connection, List<NewEvent> events, String owner)
            throws SQLException {
        Set<String> busy = new HashSet<>();
        Set<String> keys = new LinkedHashSet<>(events.stream().map(NewEvent::orderKey).toList());
        if (postgres) {
            // One round trip for the batch: the server looks each key up in the (order_key, status) index.
            try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT order_key FROM inbox_event"
                    + " WHERE order_key = ANY (?) AND status = 'PENDING' AND (lease_owner IS NULL OR lease_owner <> ?)")) {
                select.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
                select.setString(2, owner);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        busy.add(rows.getString(1));
                    }
                }
            }
            return busy;
        }
        // In process, one lookup per key: H2 then seeks (order_key, status) in the index instead of walking every
        // event the key ever had, as it does for an IN list.
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM inbox_event WHERE order_key = ?"
                + " AND status = 'PENDING' AND (lease_owner IS NULL OR lease_owner <> ?) LIMIT 1")) {
            for (String key : keys) {
                select.setString(1, key);
                select.setString(2, owner);
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
             PreparedStatement update = connection.prepareStatement("UPDATE inbox_event SET lease_owner = NULL,"
                     + " lease_until = NULL WHERE status = 'PENDING' AND lease_owner IS NOT NULL"
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
                        postgres ? CANDIDATES + " FOR UPDATE OF e SKIP LOCKED" : CANDIDATES)) {
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
                    try (PreparedStatement claim = connection.prepareStatement(CLAIM + inList(ids.size()))) {
                        claim.setString(1, owner);
                        claim.setLong(2, leaseUntil);
                        claim.setLong(3, now);
                        for (int i = 0; i < ids.size(); i++) {
                            claim.setLong(4 + i, ids.get(i));
                        }
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
             PreparedStatement update = connection.prepareStatement("UPDATE inbox_event SET lease_owner = NULL,"
                     + " lease_until = NULL, attempts = attempts - 1 WHERE lease_owner = ? AND status = 'PENDING'"
                     + " AND id IN " + inList(ids.size()))) {
            update.setString(1, owner);
            for (int i = 0; i < ids.size(); i++) {
                update.setLong(2 + i, ids.get(i));
            }
            update.executeUpdate();
            connection.commit();
        }
    }

    /** Marks a delivered event done, if this node still owns it. */
    boolean markDone(long id, String owner, long now) throws SQLException {
        return markDone(List.of(id), owner, now) == 1;
    }

    /** Marks delivered events done in one statement; returns how many this node still owned. */
    int markDone(List<Long> ids, String owner, long now) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            int count = markDone(connection, ids, owner, now);
            connection.commit();
            return count;
        }
    }

    private static int markDone(Connection connection, List<Long> ids, String owner, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE inbox_event SET status = 'DONE',"
                + " finished_at = ?, lease_owner = NULL, lease_until = NULL, last_error = NULL"
                + " WHERE lease_owner = ? AND status = 'PENDING' AND id IN " + inList(ids.size()))) {
            update.setLong(1, now);
            update.setString(2, owner);
            for (int i = 0; i < ids.size(); i++) {
                update.setLong(3 + i, ids.get(i));
            }
            return update.executeUpdate();
        }
    }

    private static String inList(int size) {
        StringBuilder in = new StringBuilder("(");
        for (int i = 0; i < size; i++) {
            in.append(i == 0 ? "?" : ",?");
        }
        return in.append(')').toString();
    }

    /** Records a failed delivery: back to pending at {@code nextAttemptAt}, or parked as dead. */
    boolean markFailed(long id, String owner, String error, long nextAttemptAt, boolean dead, long now)
            throws SQLException {
        String trimmed = error.length() > 4000 ? error.substring(0, 4000) : error;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE inbox_event SET status = ?, last_error = ?,"
                     + " next_attempt_at = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL"
                     + " WHERE id = ? AND lease_owner = ? AND status = 'PENDING'")) {
            update.setString(1, dead ? DEAD : PENDING);
            update.setString(2, trimmed);
            update.setLong(3, nextAttemptAt);
            if (dead) {
                update.setLong(4, now);
            } else {
                update.setNull(4, java.sql.Types.BIGINT);
            }
            update.setLong(5, id);
            update.setString(6, owner);
            int count = update.executeUpdate();
            connection.commit();
            return count == 1;
        }
    }

    List<StoredEvent> list(String status, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM inbox_event WHERE status = ? ORDER BY id LIMIT ?")) {
            select.setString(1, status);
            select.setInt(2, limit);
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(row(rows));
                }
            }
            connection.commit();
            return out;
        }
    }

    /** Puts a dead event back in line for delivery, with a fresh count of attempts. */
    boolean replay(long id, long now) throws SQLException {
        return update("UPDATE inbox_event SET status = 'PENDING', attempts = 0, next_attempt_at = ?, finished_at = NULL,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND status = 'DEAD'", now, id, null);
    }

    /** Deletes processed events finished before {@code before}; returns how many. */
    int purgeDone(long before) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM inbox_event WHERE status = 'DONE' AND finished_at < ?")) {
            delete.setLong(1, before);
            int count = delete.executeUpdate();
            connection.commit();
            return count;
        }
    }

    long count(String status) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM inbox_event WHERE status = ?")) {
            select.setString(1, status);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long count = rows.getLong(1);
                connection.commit();
                return count;
            }
        }
    }

    private boolean update(String sql, long now, long id, String owner) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, now);
            update.setLong(2, id);
            if (owner != null) {
                update.setString(3, owner);
            }
            int count = update.executeUpdate();
            connection.commit();
            return count == 1;
        }
    }

    private List<StoredEvent> read(Connection connection, List<Long> ids) throws SQLException {
        List<StoredEvent> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM inbox_event WHERE id IN " + inList(ids.size()) + " ORDER BY id")) {
            for (int i = 0; i < ids.size(); i++) {
                select.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(row(rows));
                }
            }
        }
        return out;
    }

    /** Body and query: text on PostgreSQL, UTF-8 bytes on H2 (see its migration V4). */
    private void setText(PreparedStatement statement, int index, String text) throws SQLException {
        if (postgres) {
            statement.setString(index, text);
        } else {
            statement.setBytes(index, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private String text(ResultSet rows, String column) throws SQLException {
        if (postgres) {
            return rows.getString(column);
        }
        byte[] bytes = rows.getBytes(column);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private StoredEvent row(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong("id"), rows.getString("app_id"), rows.getString("command"),
                rows.getString("dedupe_key"), rows.getString("order_key"), text(rows, "query"),
                text(rows, "body"), rows.getLong("received_at"), rows.getString("status"),
                rows.getInt("attempts"), rows.getString("last_error"), rows.getString("lease_owner"),
                rows.getLong("lease_until"));
    }
}
