package dev.chatgate.server.inbox.delivery;

import dev.chatgate.server.inbox.RequiresInbox;
import jakarta.annotation.PreDestroy;
import dev.chatgate.server.dispatch.NamedThreads;
import dev.chatgate.server.inbox.settings.DeliverySettings;
import dev.chatgate.server.inbox.store.StoredEvent;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers the events this node holds leases on, one lane per order key: a lane's events go to the listeners
 * one after the other, in the order they were stored; different keys go in parallel on the worker threads.
 *
 * <p>Events arrive two ways: straight from the writer, leased as they were committed (the usual way, no
 * claim transaction and no polling), and from the claimer (retries, events given back, leases of dead nodes).
 * When a lane's event fails, everything queued behind it is given back to the database, where the claimer
 * delivers the key in order after the retry; the writer's batches that may have leased events of that key
 * before the database showed the failure are given back too (the key is "poisoned" until then). While the
 * claimer commits a claim, the writer's events of the claimed keys are held back: once the claim is visible the
 * writer may lease newer events of those keys, and they must queue behind the claimed run, not before it.
 */
@Singleton
@RequiresInbox
public final class DeliveryLanes {

    private static final class Lane {
        final ArrayDeque<StoredEvent> queue = new ArrayDeque<>();
        /** Set while a failure is being recorded: events arriving then are given back, not queued. */
        boolean failing;
        final List<StoredEvent> arrivedWhileFailing = new ArrayList<>();
    }

    private final EventDelivery delivery;
    private final Clock clock;
    private final ExecutorService workers;
    private final int maxBacklog;
    private final long leaseMarginMillis;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicInteger backlog = new AtomicInteger();
    // Both guarded by this: a lane is in the map exactly while a worker task runs or is queued for it.
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Map<String, Long> poisoned = new HashMap<>();
    /** Keys whose failed event is still leased to this node (its failure was not recorded), until that lease ends. */
    private final Map<String, Long> blockedUntil = new HashMap<>();
    private final Map<String, List<Arrival>> held = new HashMap<>();

    /** A writer's event and the batch that leased it. */
    private record Arrival(long batch, StoredEvent event) {
    }

    DeliveryLanes(EventDelivery delivery, DeliverySettings config, Clock clock) {
        this.delivery = delivery;
        this.clock = clock;
        this.maxBacklog = config.deliveryBacklog();
        // An event is only delivered from memory while a third of its lease is left; past that, a claimer may
        // take it soon, and two deliveries at once would break the key's order.
        this.leaseMarginMillis = config.lease().toMillis() / 3;
        this.workers = Executors.newFixedThreadPool(config.workers(), new NamedThreads("chatgate-inbox-worker"));
    }

    /** The number of the writer's next batch; called before it looks at the database. */
    public long beginBatch() {
        return batches.incrementAndGet();
    }

    /** Room for this many more events in memory. */
    public int room() {
        return Math.max(0, maxBacklog - backlog.get());
    }

    /** Events the writer committed already leased to this node, in id order, from batch {@code batch}. */
    public void handOff(long batch, List<StoredEvent> events) {
        List<StoredEvent> giveBack = new ArrayList<>();
        synchronized (this) {
            if (poisoned.size() > 1024) {
                poisoned.values().removeIf(lastUnsafe -> lastUnsafe < batch);
            }
            blockedUntil.values().removeIf(until -> until < clock.millis());
            for (StoredEvent event : events) {
                List<Arrival> waiting = held.get(event.orderKey());
                if (waiting != null) {
                    waiting.add(new Arrival(batch, event));
                } else {
                    admit(batch, event, giveBack);
                }
            }
        }
        delivery.release(giveBack);
    }

    /**
     * Queues a writer's event unless its batch may have leased it before a failure of its key was visible in the
     * database, or the key's failed event is still leased here: then it goes back, for the claimer to take in order.
     */
    private void admit(long batch, StoredEvent event, List<StoredEvent> giveBack) {
        Long lastUnsafe = poisoned.get(event.orderKey());
        if (blockedUntil.containsKey(event.orderKey()) || (lastUnsafe != null && batch <= lastUnsafe)) {
            giveBack.add(event);
            return;
        }
        if (lastUnsafe != null) {
            poisoned.remove(event.orderKey());
        }
        enqueue(event, giveBack);
    }

    /** The claimer is about to commit leases on these keys: the writer's events of them wait for its runs. */
    synchronized void hold(Set<String> keys) {
        keys.forEach(key -> held.putIfAbsent(key, new ArrayList<>()));
    }

    /** A run a claimer leased to this node: the head of its key and events behind it, in order. */
    void claimed(List<StoredEvent> run) {
        List<StoredEvent> giveBack = new ArrayList<>();
        synchronized (this) {
            run.forEach(event -> enqueue(event, giveBack));
        }
        delivery.release(giveBack);
    }

    /** Ends the holds of a claim (after its runs went in, or when it failed): held events go in line behind them. */
    void unhold(Set<String> keys) {
        List<StoredEvent> giveBack = new ArrayList<>();
        synchronized (this) {
            for (String key : keys) {
                List<Arrival> waiting = held.remove(key);
                if (waiting != null) {
                    waiting.forEach(arrival -> admit(arrival.batch(), arrival.event(), giveBack));
                }
            }
        }
        delivery.release(giveBack);
    }

    private void enqueue(StoredEvent event, List<StoredEvent> giveBack) {
        Lane lane = lanes.get(event.orderKey());
        if (lane == null) {
            Lane created = new Lane();
            lanes.put(event.orderKey(), created);
            created.queue.add(event);
            backlog.incrementAndGet();
            workers.execute(() -> drain(event.orderKey(), created));
        } else if (lane.failing) {
            lane.arrivedWhileFailing.add(event);
        } else {
            lane.queue.add(event);
            backlog.incrementAndGet();
        }
    }

    private void drain(String key, Lane lane) {
        while (true) {
            StoredEvent next;
            synchronized (this) {
                next = lane.queue.poll();
                if (next == null) {
                    lanes.remove(key);
                    return;
                }
            }
            backlog.decrementAndGet();
            if (clock.millis() > next.leaseUntil() - leaseMarginMillis) {
                abandon(key, lane, next, 0);
                return;
            }
            EventDelivery.Attempt attempt = delivery.deliver(next);
            if (attempt != EventDelivery.Attempt.DELIVERED) {
                // The database shows the writer this node's lease on the failed event until the failure is
                // recorded, or until the lease ends when it could not be.
                abandon(key, lane, null, attempt == EventDelivery.Attempt.FAILED_UNRECORDED ? next.leaseUntil() : 0);
                return;
            }
        }
    }

    /**
     * Gives the rest of a lane back to the database, where the claimer delivers the key in order, and with it
     * whatever arrives for the lane meanwhile (a writer's batch, or a run a claimer leased on the strength of the
     * failed event's lease). The lane goes only once all of it is given back, and every writer's batch begun
     * before that may have leased the key's events on the strength of those leases: it is poisoned.
     */
    private void abandon(String key, Lane lane, StoredEvent unattempted, long blockUntil) {
        List<StoredEvent> rest = new ArrayList<>();
        if (unattempted != null) {
            rest.add(unattempted);
        }
        synchronized (this) {
            lane.failing = true;
            rest.addAll(lane.queue);
            backlog.addAndGet(-lane.queue.size());
            lane.queue.clear();
        }
        while (true) {
            delivery.release(rest);
            synchronized (this) {
                if (lane.arrivedWhileFailing.isEmpty()) {
                    poisoned.merge(key, batches.get(), Math::max);
                    if (blockUntil > 0) {
                        blockedUntil.merge(key, blockUntil, Math::max);
                    }
                    lanes.remove(key);
                    return;
                }
                rest = new ArrayList<>(lane.arrivedWhileFailing);
                lane.arrivedWhileFailing.clear();
            }
        }
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
