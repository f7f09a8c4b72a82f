package dev.chatgate.server.dispatch;

import dev.chatgate.api.BeforeCallbackHandler;
import dev.chatgate.api.Callback;
import dev.chatgate.api.Decision;
import dev.chatgate.core.decision.DecisionEncoder;
import dev.chatgate.core.decision.Envelope;
import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.server.config.AppConfiguration;
import dev.chatgate.server.config.TimeoutDecision;
import dev.chatgate.server.ops.CallbackMetrics;
import dev.chatgate.server.ops.Outcome;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a before-callback handler off the event loop and guarantees an answer within the app's deadline: a handler
 * that is late, throws, or returns a decision its command cannot express yields the app's timeout decision.
 */
@Singleton
public final class DecisionDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionDispatcher.class);
    private static final int MAX_HANDLER_THREADS = 256;

    private final DecisionEncoder encoder;
    private final CallbackMetrics metrics;
    // Bounded so that handlers stuck forever cannot exhaust the machine; past it, callbacks get the fallback.
    private final ThreadPoolExecutor handlers = new ThreadPoolExecutor(2, MAX_HANDLER_THREADS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new NamedThreads("chatgate-decide"));
    private final ScheduledExecutorService deadlines =
            Executors.newSingleThreadScheduledExecutor(new NamedThreads("chatgate-deadline"));

    public DecisionDispatcher(DecisionEncoder encoder, CallbackMetrics metrics) {
        this.encoder = encoder;
        this.metrics = metrics;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    /** @param startNanos when the request arrived: the budget counts from there, not from this call */
    public CompletableFuture<Answer> decide(CommandDescriptor command, BeforeCallbackHandler handler,
                                            Callback<?> callback, AppConfiguration app, long startNanos) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Future<?> task;
        try {
            task = handlers.submit(() -> {
                try {
                    Decision<?> decision = handler.decide(callback);
                    if (decision == null) {
                        throw new IllegalStateException(handler.getClass().getName() + " returned no decision");
                    }
                    answer.complete(new Answer(encoder.encode(command, decision), outcomeOf(decision)));
                } catch (Throwable failure) {
                    if (answer.complete(fallback(command, app, Outcome.HANDLER_FAILED_FALLBACK))) {
                        LOG.warn("Handler {} failed on {}; answered the timeout decision {}",
                                handler.getClass().getName(), command.command(), app.timeoutDecision(), failure);
                    }
                }
            });
        } catch (RejectedExecutionException saturated) {
            LOG.warn("All {} handler threads busy; {} answered with the timeout decision", MAX_HANDLER_THREADS,
                    command.command());
            metrics.deadlineFallback(command.command());
            answer.complete(fallback(command, app, Outcome.TIMEOUT_FALLBACK));
            return answer;
        }
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            if (answer.complete(fallback(command, app, Outcome.TIMEOUT_FALLBACK))) {
                metrics.deadlineFallback(command.command());
                LOG.warn("Handler {} did not decide {} within {} ms; answered {}", handler.getClass().getName(),
                        command.command(), app.deadline().toMillis(), app.timeoutDecision());
                task.cancel(true);
            }
        }, Math.max(0, app.deadline().toNanos() - (System.nanoTime() - startNanos)), TimeUnit.NANOSECONDS);
        answer.whenComplete((done, error) -> deadline.cancel(false));
        return answer;
    }

    /** The app's timeout decision; DENY falls back to allow where the command has no refusal code. */
    private Answer fallback(CommandDescriptor command, AppConfiguration app, Outcome outcome) {
        if (app.timeoutDecision() == TimeoutDecision.DENY && command.decisionRules().denyCode().isPresent()) {
            return new Answer(encoder.encode(command, Decision.deny("no decision in time")), outcome);
        }
        return new Answer(Envelope.ok(), outcome);
    }

    private static Outcome outcomeOf(Decision<?> decision) {
        if (decision instanceof Decision.Deny<?>) {
            return Outcome.DENY;
        }
        if (decision instanceof Decision.DenyWithCode<?>) {
            return Outcome.DENY_CUSTOM;
        }
        if (decision instanceof Decision.Discard<?>) {
            return Outcome.DISCARD;
        }
        if (decision instanceof Decision.AllowWith<?>) {
            return Outcome.ALLOW_WITH;
        }
        if (decision instanceof Decision.Fail<?>) {
            return Outcome.FAIL;
        }
        return Outcome.ALLOW;
    }

    @PreDestroy
    void stop() {
        handlers.shutdownNow();
        deadlines.shutdownNow();
    }
}
