package dev.chatgate.server.dispatch;

import dev.chatgate.server.ops.CallbackMetrics;
import io.micronaut.context.annotation.Secondary;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Hands after-callbacks straight to their listeners on a worker pool, in memory: an event in flight is lost if
 * the process dies. A durable inbox replaces this bean.
 */
@Singleton
@Secondary
public final class DirectInbox implements AfterCallbackInbox {

    private static final Logger LOG = LoggerFactory.getLogger(DirectInbox.class);

    private final HandlerIndex index;
    private final CallbackMetrics metrics;
    private final ExecutorService workers = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), new NamedThreads("chatgate-listener"));

    public DirectInbox(HandlerIndex index, CallbackMetrics metrics) {
        this.index = index;
        this.metrics = metrics;
    }

    @Override
    public void accept(Callback<?> callback) throws InboxUnavailableException {
        List<AfterCallbackListener<?>> listeners = index.listenersFor(callback.command());
        if (listeners.isEmpty()) {
            return;
        }
        try {
            workers.execute(() -> deliver(listeners, callback));
        } catch (RejectedExecutionException e) {
            throw new InboxUnavailableException("listener pool is shut down", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void deliver(List<AfterCallbackListener<?>> listeners, Callback<?> callback) {
        for (AfterCallbackListener listener : listeners) {
            try {
                listener.onEvent(callback);
            } catch (Exception | LinkageError e) {
                metrics.listenerFailure(callback.command());
                LOG.warn("Listener {} failed on {}", listener.getClass().getName(), callback.command(), e);
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
