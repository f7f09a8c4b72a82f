package dev.chatgate.server.inbox.delivery;

import io.micronaut.context.annotation.Context;
import dev.chatgate.server.inbox.RequiresInbox;
import jakarta.annotation.PreDestroy;
import dev.chatgate.server.inbox.settings.DeliverySettings;
import dev.chatgate.server.inbox.settings.StoreSettings;
import dev.chatgate.server.inbox.store.InboxStore;
import dev.chatgate.server.inbox.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The claimer: polls the inbox for due events no node holds (retries, events given back, the leases of a node
 * that died, the backlog of a restart) and hands runs of them to the {@link DeliveryLanes}. Events this node
 * just stored do not wait for it: the writer leases them and hands them over itself.
 */
@Context
@RequiresInbox
public final class Claimer {

    private static final Logger LOG = LoggerFactory.getLogger(Claimer.class);

    /** Events of one key claimed together and delivered in order by one worker: a busy group is not one per poll. */
    private static final int RUN_LENGTH = 64;

    private final InboxStore store;
    private final DeliverySettings config;
    private final String owner;
    private final DeliveryLanes lanes;
    private final Clock clock;
    private final Thread claimer;
    private volatile boolean running = true;

    Claimer(InboxStore store, StoreSettings node, DeliverySettings config, DeliveryLanes lanes, Clock clock) {
        this.store = store;
        this.config = config;
        this.owner = node.nodeId();
        this.lanes = lanes;
        this.clock = clock;
        this.claimer = new Thread(this::claimLoop, "chatgate-inbox-claimer");
        this.claimer.setDaemon(true);
        this.claimer.start();
    }

    private void claimLoop() {
        while (running) {
            try {
                int room = Math.min(lanes.room(), config.claimBatch());
                long now = clock.millis();
                Set<String> held = new HashSet<>();
                List<StoredEvent> claimed;
                try {
                    claimed = room == 0 ? List.of() : store.claim(owner, now,
                            now + config.lease().toMillis(), room, RUN_LENGTH, keys -> {
                                held.addAll(keys);
                                lanes.hold(keys);
                            });
                    runsByKey(claimed).forEach(lanes::claimed);
                } finally {
                    lanes.unhold(held);
                }
                if (claimed.size() < room || room == 0) {
                    LockSupport.parkNanos(config.pollInterval().toNanos());
                }
            } catch (Exception | Error e) {
                LOG.warn("Inbox claim failed, retrying: {}", e.getMessage());
                LockSupport.parkNanos(Math.max(500, config.pollInterval().toMillis()) * 1_000_000L);
            }
        }
    }

    /** Claimed events grouped by order key, each group in id order (the order they were received). */
    private static Collection<List<StoredEvent>> runsByKey(List<StoredEvent> claimed) {
        Map<String, List<StoredEvent>> runs = new LinkedHashMap<>();
        claimed.forEach(e -> runs.computeIfAbsent(e.orderKey(), k -> new ArrayList<>()).add(e));
        return runs.values();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(claimer);
        claimer.join(2_000);
    }
}
