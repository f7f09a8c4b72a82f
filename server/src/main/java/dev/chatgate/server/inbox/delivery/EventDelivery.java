package dev.chatgate.server.inbox.delivery;

import dev.chatgate.core.spec.CommandRegistry;
import dev.chatgate.server.dispatch.ListenerDelivery;
import dev.chatgate.server.ops.CallbackMetrics;
import dev.chatgate.server.inbox.RequiresInbox;
import dev.chatgate.server.inbox.settings.DeliverySettings;
import dev.chatgate.server.inbox.settings.StoreSettings;
import dev.chatgate.server.inbox.store.InboxStore;
import dev.chatgate.server.inbox.store.StoredEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * One attempt to deliver a stored event this node holds the lease of: done (marked with the writer's next
 * transaction), or a retry scheduled with backoff, or parked as dead.
 */
@Singleton
@RequiresInbox
final class EventDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private final InboxStore store;
    private final ListenerDelivery listeners;
    private final CommandRegistry registry;
    private final CallbackMetrics metrics;
    private final DoneMarks done;
    private final Clock clock;
    private final RetryPolicy retry;
    private final String owner;

    EventDelivery(InboxStore store, StoreSettings node, DeliverySettings config, ListenerDelivery listeners,
                  CommandRegistry registry,
                  CallbackMetrics metrics, DoneMarks done, Clock clock) {
        this.store = store;
        this.listeners = listeners;
        this.registry = registry;
        this.metrics = metrics;
        this.done = done;
        this.clock = clock;
        this.retry = new RetryPolicy(config.maxAttempts(), config.backoffInitial(), config.backoffMax());
        this.owner = node.nodeId();
    }

    /** How an attempt ended. */
    enum Attempt {
        DELIVERED,
        /** Failed, and its retry or death is recorded: the key's next event waits for it in the database. */
        FAILED,
        /** Failed, and the store could not record it: the event stays leased to this node until its lease ends. */
        FAILED_UNRECORDED
    }

    Attempt deliver(StoredEvent event) {
        try {
            listeners.deliver(StoredCallbacks.of(event), registry.isKnown(event.command()));
        } catch (Exception | Error failure) {
            return recordFailure(event, failure) ? Attempt.FAILED : Attempt.FAILED_UNRECORDED;
        }
        done.add(event.id());
        metrics.inboxDelivered(event.command());
        return Attempt.DELIVERED;
    }

    private boolean recordFailure(StoredEvent event, Throwable failure) {
        metrics.listenerFailure(event.command());
        boolean dead = retry.exhausted(event.attempts());
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        try {
            store.markFailed(event.id(), owner, error, clock.millis() + retry.delayMillis(event.attempts()), dead,
                    clock.millis());
        } catch (Exception | Error e) {
            LOG.warn("Could not record the failure of event {} (the lease will release it): {}", event.id(),
                    e.getMessage());
            return false;
        }
        if (dead) {
            metrics.inboxDead(event.command());
            LOG.error("Event {} ({}) parked as dead after {} attempts: {}", event.id(), event.command(),
                    event.attempts(), error);
        } else {
            LOG.warn("Event {} ({}) failed attempt {}: {}", event.id(), event.command(), event.attempts(), error);
        }
        return true;
    }

    /** Gives back leased events that were not attempted, uncounted, for a claimer to take in order. */
    void release(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            store.release(events.stream().map(StoredEvent::id).toList(), owner);
        } catch (Exception | Error e) {
            LOG.warn("Could not give back {} event(s) (their lease will): {}", events.size(), e.getMessage());
        }
    }
}
