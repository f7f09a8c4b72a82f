package dev.chatgate.server.inbox.write;

import dev.chatgate.server.dispatch.InboxUnavailableException;
import dev.chatgate.server.inbox.RequiresInbox;
import dev.chatgate.server.inbox.delivery.DeliveryLanes;
import dev.chatgate.server.inbox.delivery.DoneMarks;
import dev.chatgate.server.inbox.journal.EventJournal;
import dev.chatgate.server.inbox.journal.InboxJournal;
import dev.chatgate.server.inbox.settings.DeliverySettings;
import dev.chatgate.server.inbox.settings.StoreSettings;
import dev.chatgate.server.inbox.settings.WriteSettings;
import dev.chatgate.server.inbox.store.InboxStore;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.store.StoredEvent;
import dev.chatgate.server.inbox.store.WriteResult;
import dev.chatgate.server.ops.CallbackMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit: events from concurrent requests are written together, one transaction per batch, and each
 * request's future completes only after that transaction committed. One commit serves many acknowledgements,
 * and also marks done the events delivered since the last one. New events are leased to this node in the same
 * transaction and handed to the {@link DeliveryLanes} once committed.
 *
 * <p>With an {@link EventJournal}, the {@link JournalAppender} answers each request once its event is in the
 * journal; the writer then commits the events as above, and tries a failed commit again rather than dropping it
 * (those events were answered OK already).
 */
@Singleton
@RequiresInbox
public final class InboxWriter {

    private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);
    private static final int MAX_QUEUED = 50_000;
    private static final int MAX_DONE_MARKS = 1_000;

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
    private final BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final EventJournal journal;
    private final JournalAppender appender;
    private final boolean releaseOnCommit;
    private final Acknowledger acknowledger = new Acknowledger();
    private final Thread writer;
    private volatile boolean running = true;

    InboxWriter(InboxStore store, DoneMarks doneMarks, DeliveryLanes lanes, CallbackMetrics metrics,
                StoreSettings node, DeliverySettings delivery, WriteSettings write, InboxJournal journal,
                Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.doneMarks = doneMarks;
        this.lanes = lanes;
        this.clock = clock;
        this.owner = node.nodeId();
        this.leaseMillis = delivery.lease().toMillis();
        this.deliverOnCommit = delivery.deliverOnCommit();
        this.batchSize = write.writeBatch();
        this.journal = journal.journal().orElse(null);
        this.intervalNanos = write.commitInterval(this.journal != null).toNanos();
        this.releaseOnCommit = journal.releasedByEachCommit();
        this.appender = this.journal == null ? null : new JournalAppender(this.journal, queue);
        if (this.journal != null) {
            JournalRecovery.storeRecovered(this.journal, store, owner, batchSize, clock.millis(), releaseOnCommit,
                    this::recordStored);
        }
        this.writer = new Thread(this::run, "chatgate-inbox-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Completes once the event is stored: in the journal if there is one, else committed (it may have been stored
     * before: a retry); fails if it cannot be.
     */
    public CompletableFuture<Void> write(NewEvent event) {
        if (appender != null) {
            return appender.append(event);
        }
        PendingWrite pending = new PendingWrite(event);
        if (!running || !queue.offer(pending)) {
            pending.stored().completeExceptionally(new InboxUnavailableException(
                    running ? "inbox write queue is full" : "inbox is shutting down", null));
        }
        return pending.stored();
    }

    private void run() {
        List<PendingWrite> batch = new ArrayList<>(batchSize);
        long retryMillis = 0;
        while (running || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    PendingWrite first = queue.poll(doneMarks.isEmpty() ? 100 : 10, TimeUnit.MILLISECONDS);
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
                        retryMillis = backoff(retryMillis);
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
                    retryMillis = backoff(retryMillis);
                }
            }
        }
    }

    private static long backoff(long retryMillis) {
        return Math.min(1_000, Math.max(50, retryMillis * 2));
    }

    /**
     * Waits until a commit interval has passed since the last commit started, then takes what is queued: under
     * load, a commit's fixed cost (a file write for H2, a WAL flush for PostgreSQL) is shared by every event of
     * the interval instead of paid by each, while an event after a quiet spell is committed at once. It sleeps
     * rather than waits on the queue, so that the requests arriving meanwhile do not each wake this thread.
     */
    private void fill(List<PendingWrite> batch) {
        long wait = lastCommitNanos + intervalNanos - System.nanoTime();
        if (wait > 0 && queue.size() < batchSize - 1) {
            LockSupport.parkNanos(wait);
        }
        queue.drainTo(batch, batchSize - batch.size());
        lastCommitNanos = System.nanoTime();
    }

    /** One transaction: the batch's events and the done marks; false if it failed. */
    private boolean commit(List<PendingWrite> batch) {
        List<Long> done = doneMarks.take(MAX_DONE_MARKS);
        boolean lease = deliverOnCommit && !batch.isEmpty() && lanes.room() >= batch.size();
        long batchNumber = lanes.beginBatch();
        long now = clock.millis();
        List<NewEvent> events = batch.stream().map(PendingWrite::event).toList();
        WriteResult written;
        long started = System.nanoTime();
        try {
            written = store.write(events, done, owner, lease, now, now + leaseMillis);
            metrics.inboxCommit(System.nanoTime() - started);
        } catch (Exception | Error e) {
            // The PostgreSQL driver throws AssertionError when the connection dies in the middle of a batch.
            LOG.warn("Could not store {} event(s) nor mark {} delivered: {}", batch.size(), done.size(), e.getMessage());
            metrics.inboxCommitFailed();
            if (appender != null && !batch.isEmpty()) {
                appender.commitFailed(String.valueOf(e.getMessage()));
            }
            doneMarks.putBack(done);
            InboxUnavailableException failure = new InboxUnavailableException("inbox store unavailable: " + e.getMessage(), e);
            List<PendingWrite> failed = List.copyOf(batch);
            acknowledger.acknowledge(() -> failed.forEach(p -> p.stored().completeExceptionally(failure)));
            return false;
        }
        if (appender != null) {
            appender.commitFailed(null);
        }
        List<PendingWrite> committed = List.copyOf(batch);
        acknowledger.acknowledge(() -> {
            committed.forEach(p -> p.stored().complete(null));
            recordStored(events, written.ids());
        });
        if (journal != null && !batch.isEmpty()) {
            journal.applied(batch.get(batch.size() - 1).seq());
            if (releaseOnCommit) {
                journal.release(journal.applied());
            }
        }
        handOffLeased(batchNumber, events, written, now + leaseMillis);
        return true;
    }

    /** The new events this commit leased to this node go to the lanes from memory, with no claim. */
    private void handOffLeased(long batchNumber, List<NewEvent> events, WriteResult written, long leaseUntil) {
        List<StoredEvent> leased = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (written.leased()[i]) {
                leased.add(StoredEvent.leased(written.ids()[i], events.get(i), owner, leaseUntil));
            }
        }
        if (!leased.isEmpty()) {
            lanes.handOff(batchNumber, leased);
        }
    }

    private void recordStored(List<NewEvent> events, long[] ids) {
        for (int i = 0; i < events.size(); i++) {
            metrics.inboxStored(events.get(i).command(), ids[i] != 0);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (appender != null) {
            appender.close();
        }
        running = false;
        writer.join(5_000);
        acknowledger.stop();
        // Journaled ones among them were answered OK and are stored at the next start, from the journal.
        PendingWrite left;
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
