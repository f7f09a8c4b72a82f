package dev.chatgate.server.inbox.store;

import dev.chatgate.server.inbox.RequiresInbox;
import dev.chatgate.server.inbox.settings.StoreSettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The inbox tables: {@code inbox_event} holds what was received (inserted once, purged after the retention),
 * {@code inbox_pending} the events still to deliver, {@code inbox_dead} the ones parked as dead; an event in neither
 * was delivered. Claiming is safe with many nodes on one database: an event is leased to one node at a time, and
 * only the oldest pending event of an order key can be claimed, so one key is never delivered out of order. What
 * differs between databases is the {@link InboxDialect}'s.
 */
@Singleton
@RequiresInbox
public final class InboxStore {

    private static final Logger LOG = LoggerFactory.getLogger(InboxStore.class);

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String DEAD = "DEAD";

    private final DataSource dataSource;
    private final InboxDialect dialect;
    private final EventRows rows;
    private final Claims claims;

    public InboxStore(InboxDatabase database, InboxDialect dialect, StoreSettings settings) {
        this.dataSource = database.dataSource();
        this.dialect = dialect;
        this.rows = new EventRows(dataSource, dialect);
        this.claims = new Claims(dataSource, dialect, rows);
        dialect.prepare(dataSource);
        // Before anything is written: leases of this node's previous run would otherwise hold their events
        // until they ran out.
        try {
            int released = releaseLeasesAtStart(dialect.staleLeaseOwner(settings.nodeId()));
            if (released > 0) {
                LOG.info("Released {} lease(s) left by a previous run; those events are delivered again", released);
            }
        } catch (SQLException e) {
            LOG.warn("Could not release leases left by a previous run (they run out by themselves): {}", e.getMessage());
        }
    }

    /** Writes events in one transaction, none leased; true where the event is new, false where it was stored before. */
    public boolean[] insert(List<NewEvent> events, long now) throws SQLException {
        WriteResult result = write(events, List.of(), null, false, now, 0);
        boolean[] inserted = new boolean[events.size()];
        for (int i = 0; i < inserted.length; i++) {
            inserted[i] = result.ids()[i] != 0;
        }
        return inserted;
    }

    /**
     * One transaction for the writer (see {@link InboxDialect#write}).
     *
     * @return per event its id (0 where it was stored before) and whether it was leased to {@code owner}
     */
    public WriteResult write(List<NewEvent> events, List<Long> done, String owner, boolean leaseNew, long now,
                             long leaseUntil) throws SQLException {
        return dialect.write(dataSource, events, done, owner, leaseNew, now, leaseUntil);
    }

    /**
     * Gives back every lease of {@code owner}, or of every node when {@code owner} is null (an embedded store
     * has one process): a node that starts holds nothing yet, whatever its previous run had claimed.
     */
    public int releaseLeasesAtStart(String owner) throws SQLException {
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

    /** Gives back claimed events that were not attempted (behind a failed one of their key): no attempt counted. */
    public void release(List<Long> ids, String owner) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE inbox_pending SET lease_owner = NULL,"
                     + " lease_until = NULL, attempts = attempts - 1 WHERE lease_owner = ?"
                     + " AND id = ANY (?)")) {
            update.setString(1, owner);
            Sql.setIds(update, 2, ids);
            update.executeUpdate();
            connection.commit();
        }
    }

    /** Marks a delivered event done, if this node still owns it. */
    public boolean markDone(long id, String owner) throws SQLException {
        return markDone(List.of(id), owner) == 1;
    }

    /** Marks delivered events done in one statement; returns how many this node still owned. */
    public int markDone(List<Long> ids, String owner) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            int count = Sql.markDone(connection, ids, owner);
            connection.commit();
            return count;
        }
    }

    /** Records a failed delivery: back to pending at {@code nextAttemptAt}, or parked as dead. */
    public boolean markFailed(long id, String owner, String error, long nextAttemptAt, boolean dead, long now)
            throws SQLException {
        String trimmed = error.length() > 4000 ? error.substring(0, 4000) : error;
        return Sql.inTransaction(dataSource, connection -> {
            if (!dead) {
                return Sql.execute(connection, "UPDATE inbox_pending SET last_error = ?, next_attempt_at = ?,"
                        + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                        trimmed, nextAttemptAt, id, owner) == 1;
            }
            boolean parked = Sql.execute(connection, "INSERT INTO inbox_dead (id, attempts, last_error, finished_at)"
                    + " SELECT id, attempts, ?, ? FROM inbox_pending WHERE id = ? AND lease_owner = ?",
                    trimmed, now, id, owner) == 1;
            if (parked) {
                Sql.execute(connection, "DELETE FROM inbox_pending WHERE id = ?", id);
            }
            return parked;
        });
    }

    /** Puts a dead event back in line for delivery, with a fresh count of attempts. */
    public boolean replay(long id, long now) throws SQLException {
        return Sql.inTransaction(dataSource, connection -> Sql.execute(connection, "DELETE FROM inbox_dead WHERE id = ?", id) == 1
                && Sql.execute(connection, "INSERT INTO inbox_pending (id, order_key, attempts, next_attempt_at)"
                + " SELECT id, order_key, 0, ? FROM inbox_event WHERE id = ?", now, id) == 1);
    }

    /** Events of one status, oldest first. */
    public List<StoredEvent> list(String status, int limit) throws SQLException {
        return rows.list(status, limit);
    }

    public long count(String status) throws SQLException {
        return rows.count(status);
    }

    /**
     * Leases deliverable events to {@code owner} until {@code leaseUntil}: the head of each order key and up to
     * {@code perKey - 1} events queued behind it, at most {@code limit} in all, in id order.
     */
    public List<StoredEvent> claim(String owner, long now, long leaseUntil, int limit, int perKey) throws SQLException {
        return claims.claim(owner, now, leaseUntil, limit, perKey, keys -> { });
    }

    /**
     * As {@link #claim(String, long, long, int, int)}, telling {@code beforeCommit} the order keys of the claimed
     * events just before the leases become visible to other transactions.
     */
    public List<StoredEvent> claim(String owner, long now, long leaseUntil, int limit, int perKey,
                                   Consumer<Set<String>> beforeCommit) throws SQLException {
        return claims.claim(owner, now, leaseUntil, limit, perKey, beforeCommit);
    }

    /** Leases only the heads of their order keys (one event per key). */
    public List<StoredEvent> claim(String owner, long now, long leaseUntil, int limit) throws SQLException {
        return claims.claim(owner, now, leaseUntil, limit, 1, keys -> { });
    }

    /**
     * Deletes delivered events received before {@code before}; returns how many. Pending and dead events are kept,
     * whatever their age.
     */
    public int purgeDone(long before) throws SQLException {
        return DonePurge.purgeDone(dataSource, before);
    }
}
