package dev.chatgate.server.inbox.delivery;

import dev.chatgate.server.inbox.RequiresInbox;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Events whose listeners are done and that the inbox has not yet marked so. The writer marks them in its next
 * transaction: one commit serves both the new events and the finished ones.
 */
@Singleton
@RequiresInbox
public final class DoneMarks {

    private final Queue<Long> ids = new ConcurrentLinkedQueue<>();

    public void add(long id) {
        ids.add(id);
    }

    /** Up to {@code max} ids, oldest first, removed from the queue. */
    public List<Long> take(int max) {
        List<Long> out = new ArrayList<>();
        Long id;
        while (out.size() < max && (id = ids.poll()) != null) {
            out.add(id);
        }
        return out;
    }

    /** Ids whose marking failed: marked with a later transaction, or delivered again once their lease ends. */
    public void putBack(List<Long> failed) {
        ids.addAll(failed);
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }
}
