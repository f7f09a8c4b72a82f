package dev.chatgate.server.inbox;

import io.micronaut.context.annotation.Requires;
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
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
final class DoneMarks {

    private final Queue<Long> ids = new ConcurrentLinkedQueue<>();

    void add(long id) {
        ids.add(id);
    }

    /** Up to {@code max} ids, oldest first, removed from the queue. */
    List<Long> take(int max) {
        List<Long> out = new ArrayList<>();
        Long id;
        while (out.size() < max && (id = ids.poll()) != null) {
            out.add(id);
        }
        return out;
    }

    /** Ids whose marking failed: marked with a later transaction, or delivered again once their lease ends. */
    void putBack(List<Long> failed) {
        ids.addAll(failed);
    }

    boolean isEmpty() {
        return ids.isEmpty();
    }
}
