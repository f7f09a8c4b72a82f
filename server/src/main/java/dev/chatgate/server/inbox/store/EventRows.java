package dev.chatgate.server.inbox.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reading events back: by status for operators, by id for a claim, each row as a {@link StoredEvent}. */
final class EventRows {

    private static final String EVENT_COLUMNS = "e.id, e.app_id, e.command, e.dedupe_key, e.order_key, e.query,"
            + " e.body, e.received_at";

    private final DataSource dataSource;
    private final InboxDialect dialect;

    EventRows(DataSource dataSource, InboxDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
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
            case InboxStore.PENDING -> "SELECT " + EVENT_COLUMNS + ", p.attempts, p.last_error, p.lease_owner, p.lease_until"
                    + " FROM inbox_event e JOIN inbox_pending p ON p.id = e.id";
            case InboxStore.DEAD -> "SELECT " + EVENT_COLUMNS + ", d.attempts, d.last_error, NULL AS lease_owner,"
                    + " NULL AS lease_until FROM inbox_event e JOIN inbox_dead d ON d.id = e.id";
            case InboxStore.DONE -> "SELECT " + EVENT_COLUMNS + ", 0 AS attempts, NULL AS last_error, NULL AS lease_owner,"
                    + " NULL AS lease_until FROM inbox_event e WHERE NOT EXISTS (SELECT 1 FROM inbox_pending p"
                    + " WHERE p.id = e.id) AND NOT EXISTS (SELECT 1 FROM inbox_dead d WHERE d.id = e.id)";
            default -> throw new IllegalArgumentException("no such status: " + status);
        };
    }

    long count(String status) throws SQLException {
        String sql = switch (status) {
            case InboxStore.PENDING -> "SELECT COUNT(*) FROM inbox_pending";
            case InboxStore.DEAD -> "SELECT COUNT(*) FROM inbox_dead";
            case InboxStore.DONE -> "SELECT (SELECT COUNT(*) FROM inbox_event) - (SELECT COUNT(*) FROM inbox_pending)"
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

    List<StoredEvent> read(Connection connection, List<Long> ids) throws SQLException {
        List<StoredEvent> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement select = connection.prepareStatement(
                select(InboxStore.PENDING) + " WHERE e.id = ANY (?) ORDER BY e.id")) {
            Sql.setIds(select, 1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(row(rows, InboxStore.PENDING));
                }
            }
        }
        return out;
    }

    private StoredEvent row(ResultSet rows, String status) throws SQLException {
        return new StoredEvent(rows.getLong("id"), rows.getString("app_id"), rows.getString("command"),
                dialect.dedupeKey(rows), rows.getString("order_key"), dialect.text(rows, "query"),
                dialect.text(rows, "body"), rows.getLong("received_at"), status,
                rows.getInt("attempts"), rows.getString("last_error"), rows.getString("lease_owner"),
                rows.getLong("lease_until"));
    }
}
