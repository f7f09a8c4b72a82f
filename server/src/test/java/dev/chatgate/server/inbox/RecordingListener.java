package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.settings.StoreSettings;
import dev.chatgate.model.GroupCallbackAfterGroupInfoChanged;
import dev.chatgate.api.AfterCallbackListener;
import dev.chatgate.api.Callback;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records group-profile events; the new group Name steers it: {@code fail-twice} fails the first two attempts,
 * {@code fail-while-broken} fails while {@link #BROKEN} is set. Static, so two nodes in one JVM share it.
 */
@Singleton
@Requires(env = RecordingListener.ENV)
public final class RecordingListener implements AfterCallbackListener<GroupCallbackAfterGroupInfoChanged> {

    static final String ENV = "inbox-test";
    static final AtomicBoolean BROKEN = new AtomicBoolean();
    static final Map<String, AtomicInteger> DELIVERIES = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    static final Map<String, List<String>> ORDER_BY_GROUP = new ConcurrentHashMap<>();
    static final Map<String, String> NODE_BY_EVENT = new ConcurrentHashMap<>();

    private final StoreSettings config;

    /** How many times the event with this id (its dedupe key) reached the listener. */
    static int deliveries(String eventId) {
        AtomicInteger count = DELIVERIES.get(eventId);
        return count == null ? 0 : count.get();
    }

    public RecordingListener(StoreSettings config) {
        this.config = config;
    }

    @Override
    public void onEvent(Callback<GroupCallbackAfterGroupInfoChanged> callback) {
        String name = callback.payload().getName();
        int attempt = ATTEMPTS.computeIfAbsent(callback.eventId(), k -> new AtomicInteger()).incrementAndGet();
        if ("fail-twice".equals(name) && attempt <= 2) {
            throw new IllegalStateException("failing attempt " + attempt + " on purpose");
        }
        if ("fail-while-broken".equals(name) && BROKEN.get()) {
            throw new IllegalStateException("the listener is broken");
        }
        DELIVERIES.computeIfAbsent(callback.eventId(), k -> new AtomicInteger()).incrementAndGet();
        ORDER_BY_GROUP.computeIfAbsent(callback.payload().getGroupId(), g -> new CopyOnWriteArrayList<>())
                .add(callback.payload().getNotification());
        NODE_BY_EVENT.put(callback.eventId(), config.nodeId());
    }
}
