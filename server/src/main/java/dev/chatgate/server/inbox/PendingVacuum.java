package dev.chatgate.server.inbox;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * PostgreSQL: vacuums the pending table every {@link InboxConfiguration#getPendingVacuumInterval()}, so that the
 * lookups, claims and "done" deletes of a busy inbox scan its few live rows rather than a minute of dead ones.
 * At 5,000 events/s a "done" delete took 0.1 ms with it and 0.7 to 8 ms without (pg_stat_statements).
 */
@Context
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class PendingVacuum {

    private static final Logger LOG = LoggerFactory.getLogger(PendingVacuum.class);

    private final RepeatedJob vacuums;

    public PendingVacuum(InboxStore store, InboxConfiguration config) {
        vacuums = new RepeatedJob("chatgate-inbox-vacuum", config.isPostgres() ? config.getPendingVacuumInterval()
                : Duration.ZERO, LOG, "Could not vacuum the inbox's pending table (autovacuum still will): {}",
                "Vacuum of the inbox's pending table works again", store::vacuumPending);
    }

    /** Whether a vacuum is scheduled: PostgreSQL with a positive interval. */
    public boolean scheduled() {
        return vacuums.scheduled();
    }

    /** Whether the last vacuum failed (the store is down, say); the next one is tried all the same. */
    boolean failing() {
        return vacuums.failing();
    }

    @PreDestroy
    void stop() {
        vacuums.stop();
    }
}
