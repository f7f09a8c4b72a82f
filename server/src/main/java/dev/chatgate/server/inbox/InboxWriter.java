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
 * <p>With an {@link EventJournal}, each request appends its event to the journal on its own thread and is
 * acknowledged once it is written there; the writer then commits the events as above, and tries a failed commit
 * again rather than dropping it (those events were answered OK already). While commits fail, new events are answered
 * with a failure instead of being journaled: the store is unavailable, and Tencent's retry can bring them later.
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

    private record Pending(NewEvent event, CompletableFuture<Void> stored, long seq) {
        Pending(NewEvent event) {
            this(event, new CompletableFuture<>(), -1);
        }
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
    private final EventJournal journal;
    private final Object appending = new Object();
    private final boolean releaseOnCommit;
    private volatile boolean journalFailing;
    private volatile String commitFailure;
    private final Thread writer;
    private final ExecutorService acknowledger = Executors.newSingleThreadExecutor(
            new NamedThreads("chatgate-inbox-ack"));
    private volatile boolean running = true;

    InboxWriter(InboxStore store, DoneMarks doneMarks, DeliveryLanes lanes, CallbackMetrics metrics,
                InboxConfiguration config, InboxJournal journal, Clock clock) {
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
        this.journal = journal.journal().orElse(null);
        // PostgreSQL's commit is on the disk when it returns; H2's only after the next flush (InboxFlush), which then
        // releases. Without a scheduled flush, nothing else would release the journal: each commit does.
        this.releaseOnCommit = config.isPostgres() || config.getFlushInterval().toMillis() <= 0;
        if (this.journal != null) {
            storeRecovered();
        }
        this.writer = new Thread(this::run, "chatgate-inbox-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Stores what a killed process left in the journal, before anything new: those events were answered OK. They
     * wait for a claimer, as after any restart; one stored before the kill is recognised by its dedupe key.
     */
    private void storeRecovered() {
        List<NewEvent> recovered = journal.recovered();
        long now = clock.millis();
        for (int from = 0; from < recovered.size(); from += batchSize) {
            List<NewEvent> chunk = recovered.subList(from, Math.min(recovered.size(), from + batchSize));
            try {
                InboxStore.WriteResult written = store.write(chunk, List.of(), owner, false, now, 0);
                recordStored(chunk, written.ids());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Cannot store the " + recovered.size() + " event(s) the inbox journal"
                        + " holds from a previous run: " + e.getMessage(), e);
            }
        }
        journal.applied(recovered.size() - 1L);
        if (releaseOnCommit) {
            journal.release(journal.applied());
        }
    }

    /**
     * Completes once the event is stored: in the journal if there is one, else committed (it may have been stored
     * before: a retry); fails if it cannot be.
     */
    CompletableFuture<Void> write(NewEvent event) {
        if (journal != null) {
            return journal(event);
        }
        Pending pending = new Pending(event);
        if (!running || !queue.offer(pending)) {
            pending.stored().completeExceptionally(new InboxUnavailableException(
                    running ? "inbox write queue is full" : "inbox is shutting down", null));
        }
        return pending.stored();
    }

    /**
     * Appends the event to the journal on the request's own thread, and hands it to the writer: a hand-off to
     * another thread and back would cost more than the write. Under the lock, the writer gets the events in the
     * order of their numbers in the journal.
     */
    private CompletableFuture<Void> journal(NewEvent event) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        synchronized (appending) {
            if (!running || queue.remainingCapacity() == 0) {
                stored.completeExceptionally(new InboxUnavailableException(
                        running ? "inbox write queue is full" : "inbox is shutting down", null));
                return stored;
            }
            String failing = commitFailure;
            if (failing != null) {
                stored.completeExceptionally(new InboxUnavailableException("inbox store unavailable: " + failing, null));
                return stored;
            }
            long seq;
            try {
                seq = journal.append(List.of(event));
            } catch (java.io.IOException | RuntimeException e) {
                if (!journalFailing) {
                    journalFailing = true;
                    LOG.warn("Could not append to the inbox journal (events are answered with a failure): {}",
                            e.getMessage());
                }
                stored.completeExceptionally(new InboxUnavailableException(
                        "inbox journal unavailable: " + e.getMessage(), e));
                return stored;
            }
            if (journalFailing) {
                journalFailing = false;
                LOG.info("Appending to the inbox journal works again");
            }
            stored.complete(null);
            queue.add(new Pending(event, stored, seq));
        }
        return stored;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        long retryMillis = 0;
        while (running || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Pending first = queue.poll(doneMarks.isEmpty() ? 100 : 10, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                        fill(batch);
                    }
                } else {
                    // Journaled events the last commit failed on: answered OK already, so tried until stored.
                    Thread.sleep(retryMillis);
                    if (!running) {
                        return;
                    }
                }
                if (!batch.isEmpty() || !doneMarks.isEmpty()) {
                    if (commit(batch) || journal == null) {
                        batch.clear();
                        retryMillis = 0;
                    } else {
                        retryMillis = Math.min(1_000, Math.max(50, retryMillis * 2));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return;
            } catch (Throwable unexpected) {
                // This thread must outlive anything: if it stopped, every later request would wait for nothing.
                LOG.error("Inbox writer survived an unexpected failure", unexpected);
                if (journal == null) {
                    batch.clear();
                } else {
                    retryMillis = Math.min(1_000, Math.max(50, retryMillis * 2));
                }
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

    /** One transaction: the batch's events and the done marks; false if it failed. */
    private boolean commit(List<Pending> batch) {
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
            metrics.inboxCommitFailed();
            if (!batch.isEmpty()) {
                commitFailure = String.valueOf(e.getMessage());
            }
            doneMarks.putBack(done);
            InboxUnavailableException failure = new InboxUnavailableException("inbox store unavailable: " + e.getMessage(), e);
            List<Pending> failed = List.copyOf(batch);
            acknowledge(() -> failed.forEach(p -> p.stored().completeExceptionally(failure)));
            return false;
        }
        commitFailure = null;
        List<Pending> committed = List.copyOf(batch);
        List<NewEvent> events = batch.stream().map(Pending::event).toList();
        long[] ids = written.ids();
        acknowledge(() -> {
            committed.forEach(p -> p.stored().complete(null));
            recordStored(events, ids);
        });
        if (journal != null && !batch.isEmpty()) {
            journal.applied(batch.get(batch.size() - 1).seq());
            if (releaseOnCommit) {
                journal.release(journal.applied());
            }
        }
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
        return true;
    }

    private void recordStored(List<NewEvent> events, long[] ids) {
        for (int i = 0; i < events.size(); i++) {
            metrics.inboxStored(events.get(i).command(), ids[i] != 0);
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
        synchronized (appending) {
            // Under the lock: no request appends after this, and what one appended is in the queue already.
            running = false;
        }
        writer.join(5_000);
        acknowledger.shutdown();
        acknowledger.awaitTermination(5, TimeUnit.SECONDS);
        // Journaled ones among them were answered OK and are stored at the next start, from the journal.
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
