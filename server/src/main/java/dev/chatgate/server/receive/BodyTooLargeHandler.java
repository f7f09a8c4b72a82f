package dev.chatgate.server.receive;

import dev.chatgate.server.ops.CallbackMetrics;
import dev.chatgate.server.ops.Outcome;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A body over {@code micronaut.server.max-request-size} gets 413 in Tencent's envelope. */
@Produces
@Singleton
@Replaces(ContentLengthExceededHandler.class)
public final class BodyTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<String>> {

    private final CallbackMetrics metrics;

    public BodyTooLargeHandler(CallbackMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public HttpResponse<String> handle(HttpRequest request, ContentLengthExceededException exception) {
        String command = request.getParameters().get("CallbackCommand");
        metrics.record(command, Outcome.REJECTED_TOO_LARGE, System.nanoTime());
        return Answers.fail(413, "body is larger than the limit: " + exception.getMessage());
    }
}
