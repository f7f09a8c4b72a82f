package dev.chatgate.server.dispatch;

import dev.chatgate.api.Callback;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatgate.server.ops.CallbackMetrics;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * With {@code chatgate.inbox.enabled=false}: after-callbacks go straight to their listeners on a worker pool, in
 * memory, with no retry. An event in flight is lost if the process dies.
 */
@Singleton
@Requires(property = "chatgate.inbox.enabled", value = "false")
public final class DirectInbox implements AfterCallbackInbox {

    private static final Logger LOG = LoggerFactory.getLogger(DirectInbox.class);

    private final ListenerDelivery delivery;
    private final CallbackMetrics metrics;
    private final ExecutorService workers = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), new NamedThreads("chatgate-listener"));

    public DirectInbox(ListenerDelivery delivery, CallbackMetrics metrics) {
        this.delivery = delivery;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<Void> accept(Callback<?> callback, JsonNode body, boolean knownCommand) {
        try {
            workers.execute(() -> {
                try {
                    delivery.deliver(callback, knownCommand);
                } catch (Exception | LinkageError e) {
                    metrics.listenerFailure(callback.command());
                    LOG.warn("Listener failed on {}; not retried (the inbox is disabled)", callback.command(), e);
                }
            });
            return CompletableFuture.completedFuture(null);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new InboxUnavailableException("listener pool is shut down", e));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
