package dev.chatgate.server.receive;

import dev.chatgate.server.ops.CallbackMetrics;
import dev.chatgate.server.ops.RequestLog;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Refused callbacks: the status and reason the check chose, in Tencent's envelope, logged and counted. */
@Produces
@Singleton
public final class RejectionHandler implements ExceptionHandler<CallbackRejectedException, HttpResponse<String>> {

    private final CallbackMetrics metrics;
    private final RequestLog requestLog;

    public RejectionHandler(CallbackMetrics metrics, RequestLog requestLog) {
        this.metrics = metrics;
        this.requestLog = requestLog;
    }

    @Override
    public HttpResponse<String> handle(HttpRequest request, CallbackRejectedException rejection) {
        long startNanos = request.getAttribute(CallbackController.START_ATTRIBUTE, Long.class).orElse(System.nanoTime());
        metrics.record(rejection.command(), rejection.outcome(), startNanos);
        requestLog.log(rejection.command(), rejection.sdkAppId(), rejection.outcome(), startNanos, rejection.getMessage());
        return Answers.fail(rejection.httpStatus(), rejection.getMessage());
    }
}
