package dev.chatgate.server.inbox;

import dev.chatgate.server.dispatch.InboxUnavailableException;
import dev.chatgate.server.dispatch.NamedThreads;
import dev.chatgate.server.ops.CallbackMetrics;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit: events from concurrent requests are written together, one transaction per batch, and each
 * request's future completes only after that transaction committed. One commit serves many acknowledgements,
 * and also marks done the events delivered since the last one. New events are leased to this node in the same
 * transaction and handed to the {@link DeliveryLanes} once committed.
 *
 * <p>The requests' futures are completed by a thread of their own: what waits on them (the metrics, the HTTP
 * answer) would otherwise run on the writer, and delay the next commit, which every later request waits for.
 */
@Singleton
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class InboxWriter {

    private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);
    private static final int MAX_QUEUED = 50_000;
    private static final int MAX_DONE_MARKS = 1_000;

    private record Pending(NewEvent event, CompletableFuture<Boolean> stored) {
    }

    private final InboxStore store;
    private final CallbackMetrics metrics;
    private final DoneMarks doneMarks;
    private final DeliveryLanes lanes;
    private final Clock clock;
    private final String owner;
    private final long leaseMillis;
    private final boolean deliverOnCommit;
    private final int batchSize;
    private final long intervalNanos;
    private long lastCommitNanos = System.nanoTime();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Thread writer;
    private final ExecutorService acknowledger = Executors.newSingleThreadExecutor(
            new NamedThreads("chatgate-inbox-ack"));
    private volatile boolean running = true;

    InboxWriter(InboxStore store, DoneMarks doneMarks, DeliveryLanes lanes, CallbackMetrics metrics,
                InboxConfiguration config, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.doneMarks = doneMarks;
        this.lanes = lanes;
        this.clock = clock;
        this.owner = config.getNodeId();
        this.leaseMillis = config.getLease().toMillis();
        this.deliverOnCommit = config.isDeliverOnCommit();
        this.batchSize = Math.max(1, config.getWriteBatch());
        this.intervalNanos = config.getCommitInterval().toNanos();
        this.writer = new Thread(this::run, "chatgate-inbox-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Completes with true once the event is committed, false if it was already stored; fails if it cannot be. */
    CompletableFuture<Boolean> write(NewEvent event) {
        Pending pending = new Pending(event, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            pending.stored().completeExceptionally(new InboxUnavailableException(
                    running ? "inbox write queue is full" : "inbox is shutting down", null));
        }
        return pending.stored();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(doneMarks.isEmpty() ? 100 : 10, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    fill(batch);
                }
                if (!batch.isEmpty() || !doneMarks.isEmpty()) {
                    commit(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (Throwable unexpected) {
                // This thread must outlive anything: if it stopped, every later request would wait for nothing.
                LOG.error("Inbox writer survived an unexpected failure", unexpected);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Waits until a commit interval has passed since the last commit started, then takes what is queued: under
     * load, a commit's fixed cost (a file write for H2, a WAL flush for PostgreSQL) is shared by every event of
     * the interval instead of paid by each, while an event after a quiet spell is committed at once. It sleeps
     * rather than waits on the queue, so that the requests arriving meanwhile do not each wake this thread.
     */
    private void fill(List<Pending> batch) {
        long wait = lastCommitNanos + intervalNanos - System.nanoTime();
        if (wait > 0 && queue.size() < batchSize - 1) {
            LockSupport.parkNanos(wait);
        }
        queue.drainTo(batch, batchSize - batch.size());
        lastCommitNanos = System.nanoTime();
    }

    private void commit(List<Pending> batch) {
        List<Long> done = doneMarks.take(MAX_DONE_MARKS);
        boolean lease = deliverOnCommit && !batch.isEmpty() && lanes.room() >= batch.size();
        long batchNumber = lanes.beginBatch();
        long now = clock.millis();
        InboxStore.WriteResult written;
        long started = System.nanoTime();
        try {
            written = store.write(batch.stream().map(Pending::event).toList(), done, owner, lease, now, now + leaseMillis);
            metrics.inboxCommit(System.nanoTime() - started);
        } catch (Exception | Error e) {
            // The PostgreSQL driver throws AssertionError when the connection dies in the middle of a batch.
            LOG.warn("Could not store {} event(s) nor mark {} delivered: {}", batch.size(), done.size(), e.getMessage());
            doneMarks.putBack(done);
            InboxUnavailableException failure = new InboxUnavailableException("inbox store unavailable: " + e.getMessage(), e);
            List<Pending> failed = List.copyOf(batch);
            acknowledge(() -> failed.forEach(p -> p.stored().completeExceptionally(failure)));
            return;
        }
        List<Pending> committed = List.copyOf(batch);
        long[] ids = written.ids();
        acknowledge(() -> {
            for (int i = 0; i < committed.size(); i++) {
                committed.get(i).stored().complete(ids[i] != 0);
            }
        });
        List<StoredEvent> leased = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (written.leased()[i]) {
                NewEvent event = batch.get(i).event();
                leased.add(new StoredEvent(written.ids()[i], event.appId(), event.command(), event.dedupeKey(),
                        event.orderKey(), event.query(), event.body(), event.receivedAt(), InboxStore.PENDING, 1, null,
                        owner, now + leaseMillis));
            }
        }
        if (!leased.isEmpty()) {
            lanes.handOff(batchNumber, leased);
        }
    }

    private void acknowledge(Runnable completions) {
        try {
            acknowledger.execute(completions);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            completions.run();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.join(5_000);
        acknowledger.shutdown();
        acknowledger.awaitTermination(5, TimeUnit.SECONDS);
        Pending left;
        while ((left = queue.poll()) != null) {
            left.stored().completeExceptionally(new InboxUnavailableException("inbox is shutting down", null));
        }
        lanes.stop();
        // Bounded: with the store down, the marks stay undone and those events are delivered again later.
        for (int attempt = 0; attempt < 3 && !doneMarks.isEmpty(); attempt++) {
            commit(new ArrayList<>());
        }
    }
}
