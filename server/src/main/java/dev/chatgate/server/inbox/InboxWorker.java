package dev.chatgate.server.inbox;

import dev.chatgate.core.protocol.CallbackQuery;
import dev.chatgate.core.spec.CommandRegistry;
import dev.chatgate.server.dispatch.Callback;
import dev.chatgate.server.dispatch.ListenerDelivery;
import dev.chatgate.server.ops.CallbackMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Delivers stored events to listeners, off the request path: claims due events (leased to this node), delivers
 * each on a worker thread, marks it done, or schedules a retry with backoff, or parks it as dead.
 */
@Context
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class InboxWorker {

    private static final Logger LOG = LoggerFactory.getLogger(InboxWorker.class);

    private final InboxStore store;
    private final InboxConfiguration config;
    private final ListenerDelivery delivery;
    private final CommandRegistry registry;
    private final CallbackMetrics metrics;
    private final Clock clock;
    private final RetryPolicy retry;
    private final ExecutorService workers;
    private final Semaphore slots;
    private static final int MAX_DONE_BATCH = 500;
    /** Events of one key claimed together and delivered in order by one worker: a busy group is not one per poll. */
    private static final int RUN_LENGTH = 64;

    private final Thread claimer;
    private final Queue<Long> delivered = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    public InboxWorker(InboxStore store, InboxConfiguration config, ListenerDelivery delivery, CommandRegistry registry,
                       CallbackMetrics metrics, Clock clock) {
        this.store = store;
        this.config = config;
        this.delivery = delivery;
        this.registry = registry;
        this.metrics = metrics;
        this.clock = clock;
        this.retry = new RetryPolicy(config.getMaxAttempts(), config.getBackoffInitial(), config.getBackoffMax());
        this.workers = Executors.newFixedThreadPool(config.getWorkers(), runnable -> {
            Thread thread = new Thread(runnable, "chatgate-inbox-worker");
            thread.setDaemon(true);
            return thread;
        });
        // Hold at most one claim batch in flight: claims stay large (few transactions) and short of the lease.
        this.slots = new Semaphore(Math.max(config.getClaimBatch(), config.getWorkers() * 2));
        this.claimer = new Thread(this::claimLoop, "chatgate-inbox-claimer");
        this.claimer.setDaemon(true);
        this.claimer.start();
    }

    private void claimLoop() {
        while (running) {
            try {
                flushDone();
                int free = slots.availablePermits();
                List<StoredEvent> claimed = free == 0 ? List.of() : store.claim(config.getNodeId(), clock.millis(),
                        clock.millis() + config.getLease().toMillis(), Math.min(free, config.getClaimBatch()), RUN_LENGTH);
                for (List<StoredEvent> run : runsByKey(claimed)) {
                    while (!slots.tryAcquire(run.size(), config.getPollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                        flushDone();
                    }
                    workers.execute(() -> {
                        try {
                            deliverInOrder(run);
                        } finally {
                            slots.release(run.size());
                        }
                    });
                }
                if (claimed.isEmpty() && delivered.isEmpty()) {
                    LockSupport.parkNanos(config.getPollInterval().toNanos());
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | Error e) {
                LOG.warn("Inbox claim failed, retrying: {}", e.getMessage());
                sleepQuietly(Math.max(500, config.getPollInterval().toMillis()));
            }
        }
    }

    /** Claimed events grouped by order key, each group in id order (the order they were received). */
    private static Collection<List<StoredEvent>> runsByKey(List<StoredEvent> claimed) {
        Map<String, List<StoredEvent>> runs = new LinkedHashMap<>();
        claimed.forEach(e -> runs.computeIfAbsent(e.orderKey(), k -> new ArrayList<>()).add(e));
        return runs.values();
    }

    /** One key's events, one after the other; after a failure the rest wait, unattempted, behind it. */
    private void deliverInOrder(List<StoredEvent> run) {
        for (int i = 0; i < run.size(); i++) {
            if (!deliver(run.get(i))) {
                List<Long> rest = run.subList(i + 1, run.size()).stream().map(StoredEvent::id).toList();
                try {
                    store.release(rest, config.getNodeId());
                } catch (Exception | Error e) {
                    LOG.warn("Could not release {} event(s) behind a failure (their lease will): {}", rest.size(),
                            e.getMessage());
                }
                return;
            }
        }
    }

    private boolean deliver(StoredEvent event) {
        boolean known = registry.isKnown(event.command());
        Callback<Object> callback = new Callback<>(event.command(), null, event.body(),
                CallbackQuery.parse(event.query()), Instant.ofEpochMilli(event.receivedAt()), event.dedupeKey());
        String owner = config.getNodeId();
        try {
            delivery.deliver(callback, known);
            markDone(event);
            return true;
        } catch (Exception | Error failure) {
            metrics.listenerFailure(event.command());
            boolean dead = retry.exhausted(event.attempts());
            String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            try {
                store.markFailed(event.id(), owner, error, clock.millis() + retry.delayMillis(event.attempts()), dead,
                        clock.millis());
            } catch (Exception | Error e) {
                LOG.warn("Could not record the failure of event {} (the lease will release it): {}", event.id(),
                        e.getMessage());
            }
            if (dead) {
                metrics.inboxDead(event.command());
                LOG.error("Event {} ({}) parked as dead after {} attempts: {}", event.id(), event.command(),
                        event.attempts(), error);
            } else {
                LOG.warn("Event {} ({}) failed attempt {}: {}", event.id(), event.command(), event.attempts(), error);
            }
        }
        return false;
    }

    /** Delivered events are marked done in batches by the claimer thread: one statement for many events. */
    private void markDone(StoredEvent event) {
        delivered.add(event.id());
        metrics.inboxDelivered(event.command());
        if (delivered.size() >= MAX_DONE_BATCH) {
            LockSupport.unpark(claimer);
        }
    }

    private void flushDone() {
        List<Long> ids = new ArrayList<>();
        Long id;
        while (ids.size() < MAX_DONE_BATCH && (id = delivered.poll()) != null) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            store.markDone(ids, config.getNodeId(), clock.millis());
        } catch (Exception | Error e) {
            // Delivered but not marked: the lease runs out and they are delivered again (at least once).
            LOG.warn("{} delivered event(s) not marked done: {}", ids.size(), e.getMessage());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        claimer.interrupt();
        claimer.join(2_000);
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        while (!delivered.isEmpty()) {
            flushDone();
        }
    }
}
