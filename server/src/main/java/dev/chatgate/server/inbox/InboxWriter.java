package dev.chatgate.server.inbox;

import dev.chatgate.server.dispatch.InboxUnavailableException;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: events from concurrent requests are written together, one transaction per batch, and each
 * request's future completes only after that transaction committed. One commit serves many acknowledgements.
 */
@Singleton
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class InboxWriter {

    private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);
    private static final int MAX_QUEUED = 50_000;

    private record Pending(NewEvent event, CompletableFuture<Boolean> stored) {
    }

    private final InboxStore store;
    private final Clock clock;
    private final int batchSize;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Thread writer;
    private volatile boolean running = true;

    public InboxWriter(InboxStore store, InboxConfiguration config, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.batchSize = Math.max(1, config.getWriteBatch());
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
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                commit(batch);
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

    private void commit(List<Pending> batch) {
        try {
            boolean[] inserted = store.insert(batch.stream().map(Pending::event).toList(), clock.millis());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).stored().complete(inserted[i]);
            }
        } catch (Exception | Error e) {
            // The PostgreSQL driver throws AssertionError when the connection dies in the middle of a batch.
            LOG.warn("Could not store {} event(s): {}", batch.size(), e.getMessage());
            InboxUnavailableException failure = new InboxUnavailableException("inbox store unavailable: " + e.getMessage(), e);
            batch.forEach(p -> p.stored().completeExceptionally(failure));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.join(5_000);
        Pending left;
        while ((left = queue.poll()) != null) {
            left.stored().completeExceptionally(new InboxUnavailableException("inbox is shutting down", null));
        }
    }
}
