package dev.chatgate.server.inbox;

import dev.chatgate.server.dispatch.NamedThreads;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background upkeep of the inbox: a job run every interval on a thread of its own, or never when the interval is
 * not positive. A failure is logged once per outage, not at every run (the store being down is reported by the
 * writer already), and the job is tried again at the next interval all the same.
 */
final class RepeatedJob {

    /** The work of one run. */
    @FunctionalInterface
    interface Job {
        void run() throws Exception;
    }

    private final ScheduledExecutorService timer;
    private final Job job;
    private final Logger log;
    private final String failure;
    private final String recovery;
    private volatile boolean failing;

    /**
     * @param failure logged at the first failure of an outage, with the failure's message for its {@code {}}
     * @param recovery logged at the first run that works after a failure
     */
    RepeatedJob(String thread, Duration every, Logger log, String failure, String recovery, Job job) {
        this.job = job;
        this.log = log;
        this.failure = failure;
        this.recovery = recovery;
        long millis = every.toMillis();
        if (millis > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(new NamedThreads(thread));
            timer.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** Whether runs are scheduled: the interval is positive. */
    boolean scheduled() {
        return timer != null;
    }

    /** Whether the last run failed. */
    boolean failing() {
        return failing;
    }

    private void runQuietly() {
        try {
            job.run();
            if (failing) {
                failing = false;
                log.info(recovery);
            }
        } catch (Exception e) {
            if (!failing) {
                failing = true;
                log.warn(failure, e.getMessage());
            }
        }
    }

    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
