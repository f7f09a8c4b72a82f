package dev.chatgate.server.dispatch;

import dev.chatgate.api.UnhandledCallbackListener;
import dev.chatgate.api.Callback;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/** Hands unhandled callbacks to every {@link UnhandledCallbackListener}, on its own thread. */
@Singleton
public final class UnhandledCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(UnhandledCallbacks.class);

    private final List<UnhandledCallbackListener> listeners;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(new NamedThreads("chatgate-unhandled"));

    public UnhandledCallbacks(List<UnhandledCallbackListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Whether anyone listens: callers skip preparing a callback nobody will read. */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    public void notify(Callback<?> callback, UnhandledCallbackListener.Reason reason) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            worker.execute(() -> listeners.forEach(listener -> {
                try {
                    listener.onUnhandled(callback, reason);
                } catch (Exception | LinkageError e) {
                    LOG.warn("Unhandled-callback listener {} failed on {}", listener.getClass().getName(),
                            callback.command(), e);
                }
            }));
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down; {} not passed to unhandled-callback listeners", callback.command());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
