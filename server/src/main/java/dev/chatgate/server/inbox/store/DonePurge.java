package dev.chatgate.server.inbox.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The retention's purge of delivered events, a window of ids at a time. */
final class DonePurge {

    /** Events the purge looks at per transaction. */
    private static final int PURGE_WINDOW = 1000;

    private DonePurge() {
    }

    /**
     * Deletes delivered events received before {@code before}; returns how many. Walks the events in id order (the
     * order they were stored in) a window at a time, one short transaction each, and stops at the first window
     * with nothing received before the cut-off: pending and dead events are kept, whatever their age.
     */
    static int purgeDone(DataSource dataSource, long before) throws SQLException {
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
                        Sql.setIds(delete, 1, old);
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

}
