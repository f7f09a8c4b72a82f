package dev.chatgate.server.inbox.upkeep;

import dev.chatgate.server.inbox.RequiresInbox;
import dev.chatgate.server.inbox.settings.RetentionSettings;
import dev.chatgate.server.inbox.settings.UpkeepSettings;
import dev.chatgate.server.inbox.store.InboxDatabase;
import dev.chatgate.server.inbox.store.InboxDialect;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Schedules the inbox's upkeep: the purge, the flush, and whatever the database's dialect needs. */
@Context
@RequiresInbox
public final class InboxUpkeep implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InboxUpkeep.class);

    private final List<UpkeepJob> jobs = new ArrayList<>();

    public InboxUpkeep(@Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, InboxDatabase database,
                       InboxDialect dialect, UpkeepSettings upkeep, RetentionSettings retention, InboxPurge purge,
                       InboxFlush flush) {
        List<UpkeepJob.Plan> plans = new ArrayList<>();
        plans.add(new UpkeepJob.Plan("purge", retention.purgeInterval(), "Inbox purge failed: {}",
                "Inbox purge works again", purge::purge));
        plans.add(new UpkeepJob.Plan("flush", flush.due() ? upkeep.flushInterval() : Duration.ZERO,
                "Could not flush the inbox to the disk: {}", "Flushing the inbox to the disk works again",
                flush::flush));
        plans.addAll(dialect.upkeep(database.dataSource(), upkeep));
        plans.forEach(plan -> jobs.add(UpkeepJob.schedule(scheduler, plan, LOG)));
    }

    /** The job of this name, whether scheduled or not; empty if this database has none of that name. */
    public Optional<UpkeepJob> job(String name) {
        return jobs.stream().filter(job -> job.name().equals(name)).findFirst();
    }

    /** Whether a job of this name runs. */
    public boolean scheduled(String name) {
        return job(name).map(UpkeepJob::scheduled).orElse(false);
    }

    @Override
    @PreDestroy
    public void close() {
        jobs.forEach(UpkeepJob::stop);
    }
}
