package dev.chatgate.server.inbox.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Claiming: leases deliverable events to one node, the head of each order key and the run queued behind it, so that
 * a key is never delivered by two nodes at once nor out of order.
 */
final class Claims {

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

    private final DataSource dataSource;
    private final InboxDialect dialect;
    private final EventRows rows;

    Claims(DataSource dataSource, InboxDialect dialect, EventRows rows) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.rows = rows;
    }

    /**
     * Leases deliverable events to {@code owner} until {@code leaseUntil}: the head of each order key and up to
     * {@code perKey - 1} events queued behind it, at most {@code limit} in all, in id order; tells
     * {@code beforeCommit} the order keys of the claimed events just before the leases become visible to other
     * transactions.
     */
    List<StoredEvent> claim(String owner, long now, long leaseUntil, int limit, int perKey,
                            Consumer<Set<String>> beforeCommit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                List<Long> ids = new ArrayList<>();
                Map<Long, String> heads = new LinkedHashMap<>();
                try (PreparedStatement select = connection.prepareStatement(
                        CANDIDATES + dialect.lockCandidates())) {
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
                            RUN + dialect.lockRun())) {
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
                        Sql.setIds(claim, 4, ids);
                        claim.executeUpdate();
                    }
                    // Read back what this node now owns: on H2 another claimer could have won a row in between.
                    claimed.addAll(ids);
                }
                List<StoredEvent> events = rows.read(connection, claimed).stream()
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
}
