package dev.chatgate.server.inbox.upkeep;

import io.micronaut.scheduling.TaskScheduler;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * One kind of background upkeep of the inbox, run on Micronaut's scheduler every interval with a fixed delay (so
 * never two runs of it at once), or never when the interval is not positive. A failure is logged once per outage,
 * not at every run (the store being down is reported by the writer already), and the job is tried again at the
 * next interval all the same.
 */
public final class UpkeepJob {

    /** The work of one run; each bounds its own length. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * What to run and how often.
     *
     * @param failure  logged at the first failure of an outage, with the failure's message for its {@code {}}
     * @param recovery logged at the first run that works after a failure
     */
    public record Plan(String name, Duration every, String failure, String recovery, Work work) {
    }

    private final Plan plan;
    private final Logger log;
    private final ScheduledFuture<?> runs;
    private volatile boolean failing;

    /** Schedules {@code plan} on {@code scheduler}, logging its outages to {@code log}. */
    public static UpkeepJob schedule(TaskScheduler scheduler, Plan plan, Logger log) {
        return new UpkeepJob(scheduler, plan, log);
    }

    private UpkeepJob(TaskScheduler scheduler, Plan plan, Logger log) {
        this.plan = plan;
        this.log = log;
        this.runs = plan.every().toMillis() > 0
                ? scheduler.scheduleWithFixedDelay(plan.every(), plan.every(), this::runQuietly) : null;
    }

    public String name() {
        return plan.name();
    }

    /** Whether runs are scheduled: the interval is positive. */
    public boolean scheduled() {
        return runs != null;
    }

    /** Whether the last run failed. */
    public boolean failing() {
        return failing;
    }

    void runQuietly() {
        try {
            plan.work().run();
            if (failing) {
                failing = false;
                log.info(plan.recovery());
            }
        } catch (Exception e) {
            if (!failing) {
                failing = true;
                log.warn(plan.failure(), e.getMessage());
            }
        }
    }

    public void stop() {
        if (runs != null) {
            runs.cancel(false);
        }
    }
}
