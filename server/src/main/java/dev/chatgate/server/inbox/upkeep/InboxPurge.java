package dev.chatgate.server.inbox.upkeep;

import dev.chatgate.server.inbox.RequiresInbox;
import dev.chatgate.server.inbox.settings.RetentionSettings;
import dev.chatgate.server.inbox.store.InboxStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;

/** Deletes delivered events received longer ago than the retention. Pending and dead events are kept. */
@Singleton
@RequiresInbox
public final class InboxPurge {

    private static final Logger LOG = LoggerFactory.getLogger(InboxPurge.class);

    private final InboxStore store;
    private final RetentionSettings retention;
    private final Clock clock;

    public InboxPurge(InboxStore store, RetentionSettings retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes delivered events received more than the retention ago; returns how many. */
    public int purge() throws SQLException {
        int deleted = store.purgeDone(clock.millis() - retention.retention().toMillis());
        if (deleted > 0) {
            LOG.info("Purged {} processed event(s) older than {}", deleted, retention.retention());
        }
        return deleted;
    }
}
