package dev.chatgate.server.receive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatgate.core.binding.PayloadBinder;
import dev.chatgate.core.binding.PayloadBindingException;
import dev.chatgate.core.decision.Envelope;
import dev.chatgate.core.event.EventKeys;
import dev.chatgate.core.protocol.CallbackQuery;
import dev.chatgate.core.signature.SignatureException;
import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.core.spec.CommandRegistry;
import dev.chatgate.core.validation.MalformedJsonException;
import dev.chatgate.core.validation.PayloadValidator;
import dev.chatgate.core.validation.ValidationResult;
import dev.chatgate.server.config.AppConfiguration;
import dev.chatgate.server.config.AppDirectory;
import dev.chatgate.server.config.ValidationMode;
import dev.chatgate.server.dispatch.AfterCallbackInbox;
import dev.chatgate.server.dispatch.Answer;
import dev.chatgate.api.Callback;
import dev.chatgate.server.dispatch.DecisionDispatcher;
import dev.chatgate.server.dispatch.HandlerIndex;
import dev.chatgate.api.UnhandledCallbackListener;
import dev.chatgate.server.dispatch.UnhandledCallbacks;
import dev.chatgate.server.ops.CallbackMetrics;
import dev.chatgate.server.ops.ClientText;
import dev.chatgate.server.ops.Outcome;
import dev.chatgate.server.ops.RequestLog;
import dev.chatgate.server.ops.ViolationReporter;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The checks every callback passes, in order: app, signature, command, JSON, schema; then the dispatch.
 * A failed check throws {@link CallbackRejectedException}; {@link RejectionHandler} answers it.
 */
@Context
public final class CallbackReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackReceiver.class);

    private final AppDirectory apps;
    private final CommandRegistry registry;
    private final PayloadValidator validator;
    private final PayloadBinder binder;
    private final HandlerIndex handlers;
    private final DecisionDispatcher decisions;
    private final AfterCallbackInbox inbox;
    private final ViolationReporter violations;
    private final UnhandledCallbacks unhandled;
    private final CallbackMetrics metrics;
    private final RequestLog requestLog;
    private final Clock clock;

    public CallbackReceiver(AppDirectory apps, CommandRegistry registry, PayloadValidator validator,
                            PayloadBinder binder, HandlerIndex handlers, DecisionDispatcher decisions,
                            AfterCallbackInbox inbox, ViolationReporter violations, UnhandledCallbacks unhandled,
                            CallbackMetrics metrics,
                            RequestLog requestLog, Clock clock) {
        this.apps = apps;
        this.registry = registry;
        this.validator = validator;
        this.binder = binder;
        this.handlers = handlers;
        this.decisions = decisions;
        this.inbox = inbox;
        this.violations = violations;
        this.unhandled = unhandled;
        this.metrics = metrics;
        this.requestLog = requestLog;
        this.clock = clock;
    }

    public CompletableFuture<JsonNode> receive(CallbackQuery query, String body, long startNanos) {
        String command = query.callbackCommand();
        String appId = query.sdkAppId();
        AppDirectory.ConfiguredApp app = apps.find(appId).orElseThrow(() -> new CallbackRejectedException(403,
                Outcome.REJECTED_APP, apps.isEmpty() ? AppDirectory.NO_APP
                : appId == null || appId.isBlank() ? "SdkAppid is missing"
                : "SdkAppid " + ClientText.shortened(appId) + " is not configured here", command, appId));
        verifySignature(app, query);
        if (command == null || command.isBlank()) {
            throw new CallbackRejectedException(400, Outcome.REJECTED_COMMAND,
                    "CallbackCommand query parameter is missing", command, appId);
        }
        JsonNode json = parse(body, command, appId);
        String bodyCommand = json.path("CallbackCommand").isTextual() ? json.path("CallbackCommand").asText() : null;
        if (bodyCommand != null && !bodyCommand.equals(command)) {
            throw new CallbackRejectedException(400, Outcome.REJECTED_COMMAND, "CallbackCommand in the body ("
                    + ClientText.shortened(bodyCommand) + ") differs from the query's (" + ClientText.shortened(command)
                    + ")", command, appId);
        }
        CommandDescriptor descriptor = registry.find(command).orElse(null);
        if (descriptor == null) {
            LOG.warn("Unknown command {} from app {}: stored and answered OK so traffic is never blocked", command, appId);
            Callback<Object> unknown = new Callback<>(command, null, body, query, clock.instant(),
                    EventKeys.dedupeKey(appId, command, List.of(), json));
            return store(unknown, json, false, Outcome.UNKNOWN_COMMAND, startNanos);
        }
        validate(app.config(), command, json, appId);
        if (!descriptor.isBefore()) {
            // Bound later, by whoever delivers it: the request path only stores it.
            Callback<Object> event = new Callback<>(command, null, body, query, clock.instant(),
                    EventKeys.dedupeKey(appId, descriptor, json));
            return store(event, json, true, Outcome.OK, startNanos);
        }
        var handler = handlers.handlerFor(command);
        if (handler.isEmpty() && !unhandled.hasListeners()) {
            return finish(new Answer(Envelope.ok(), Outcome.ALLOW), command, appId, startNanos);
        }
        Callback<Object> callback = new Callback<>(command, bind(descriptor, body), body, query, clock.instant(),
                EventKeys.dedupeKey(appId, descriptor, json));
        if (handler.isPresent()) {
            return decisions.decide(descriptor, handler.get(), callback, app.config(), startNanos)
                    .thenCompose(answer -> finish(answer, command, appId, startNanos));
        }
        unhandled.notify(callback, UnhandledCallbackListener.Reason.NO_HANDLER);
        return finish(new Answer(Envelope.ok(), Outcome.ALLOW), command, appId, startNanos);
    }

    /** Answers OK once the inbox has the event; a failure to store it is answered 503 so Tencent may retry. */
    private CompletableFuture<JsonNode> store(Callback<Object> callback, JsonNode json, boolean known, Outcome outcome,
                                              long startNanos) {
        String command = callback.command();
        String appId = callback.sdkAppId();
        return inbox.accept(callback, json, known).handle((stored, failure) -> failure).thenCompose(failure -> {
            if (failure == null) {
                return finish(new Answer(Envelope.ok(), outcome), command, appId, startNanos);
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String reason = cause instanceof java.util.concurrent.TimeoutException
                    ? "the store did not confirm in time" : cause.getMessage();
            return CompletableFuture.failedFuture(new CallbackRejectedException(503, Outcome.UNAVAILABLE,
                    "event not stored, try again: " + reason, command, appId));
        });
    }

    private void verifySignature(AppDirectory.ConfiguredApp app, CallbackQuery query) {
        AppConfiguration config = app.config();
        boolean signed = query.sign() != null || query.requestTime() != null;
        if (config.tokens().isEmpty() || (!signed && !config.requireSignature())) {
            return;
        }
        try {
            app.signature().verify(config.tokens(), query.sign(), query.requestTime());
        } catch (SignatureException e) {
            throw new CallbackRejectedException(401, Outcome.REJECTED_SIGNATURE,
                    "signature " + e.reason().name().toLowerCase() + ": " + e.getMessage(),
                    query.callbackCommand(), app.sdkAppId());
        }
    }

    private static JsonNode parse(String body, String command, String appId) {
        try {
            return PayloadValidator.parse(body);
        } catch (MalformedJsonException e) {
            throw new CallbackRejectedException(400, Outcome.REJECTED_JSON, e.getMessage(), command, appId);
        }
    }

    private void validate(AppConfiguration app, String command, JsonNode json, String appId) {
        if (app.validation() == ValidationMode.OFF) {
            return;
        }
        ValidationResult result = validator.validateRequest(command, json);
        if (result.isValid()) {
            return;
        }
        if (app.validation() == ValidationMode.ENFORCE) {
            throw new CallbackRejectedException(400, Outcome.REJECTED_SCHEMA,
                    "body does not match the " + command + " schema: " + String.join("; ",
                            result.violations().stream().map(Object::toString).toList()), command, appId);
        }
        violations.report(result);
    }

    private Object bind(CommandDescriptor descriptor, String body) {
        try {
            return binder.bind(descriptor, body);
        } catch (PayloadBindingException e) {
            LOG.debug("Body kept raw: {}", e.getMessage());
            return null;
        }
    }

    private CompletableFuture<JsonNode> finish(Answer answer, String command, String appId, long startNanos) {
        metrics.record(command, answer.outcome(), startNanos);
        requestLog.log(command, appId, answer.outcome(), startNanos, null);
        return CompletableFuture.completedFuture(answer.body());
    }
}
