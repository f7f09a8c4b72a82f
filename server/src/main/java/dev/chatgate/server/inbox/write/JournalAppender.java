package dev.chatgate.server.inbox.write;

import dev.chatgate.server.dispatch.InboxUnavailableException;
import dev.chatgate.server.inbox.journal.EventJournal;
import dev.chatgate.server.inbox.store.NewEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Appends each event to the journal on the request's own thread, answers it once written there, and hands it to
 * the writer: a hand-off to another thread and back would cost more than the write. Under the lock, the writer
 * gets the events in the order of their numbers in the journal. While commits fail, new events are refused instead
 * of journaled: the store is unavailable, and Tencent's retry can bring them later.
 */
final class JournalAppender {

    private static final Logger LOG = LoggerFactory.getLogger(JournalAppender.class);

    private final EventJournal journal;
    private final BlockingQueue<PendingWrite> queue;
    private final Object appending = new Object();
    private boolean open = true;
    private boolean journalFailing;
    private volatile String commitFailure;

    JournalAppender(EventJournal journal, BlockingQueue<PendingWrite> queue) {
        this.journal = journal;
        this.queue = queue;
    }

    CompletableFuture<Void> append(NewEvent event) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        synchronized (appending) {
            if (!open || queue.remainingCapacity() == 0) {
                stored.completeExceptionally(new InboxUnavailableException(
                        open ? "inbox write queue is full" : "inbox is shutting down", null));
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
            } catch (IOException | RuntimeException e) {
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
            queue.add(new PendingWrite(event, stored, seq));
        }
        return stored;
    }

    /** The last commit of new events failed with this (null: it worked): new events are refused meanwhile. */
    void commitFailed(String failure) {
        commitFailure = failure;
    }

    /** No append after this returns; what one appended before is in the queue already. */
    void close() {
        synchronized (appending) {
            open = false;
        }
    }
}
