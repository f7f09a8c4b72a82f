package dev.chatgate.server.inbox;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Deletes delivered events received longer ago than the retention, every purge interval. Pending and dead events
 * are kept.
 */
@Context
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class InboxPurge {

    private static final Logger LOG = LoggerFactory.getLogger(InboxPurge.class);

    private final InboxStore store;
    private final InboxConfiguration config;
    private final Clock clock;
    private final RepeatedJob purges;

    public InboxPurge(InboxStore store, InboxConfiguration config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        purges = new RepeatedJob("chatgate-inbox-purge", config.getPurgeInterval(), LOG, "Inbox purge failed: {}",
                "Inbox purge works again", this::purge);
    }

    /** Deletes delivered events received more than the retention ago; returns how many. */
    public int purge() throws java.sql.SQLException {
        int deleted = store.purgeDone(clock.millis() - config.getRetention().toMillis());
        if (deleted > 0) {
            LOG.info("Purged {} processed event(s) older than {}", deleted, config.getRetention());
        }
        return deleted;
    }

    @PreDestroy
    void stop() {
        purges.stop();
    }
}
