package dev.chatgate.server.receive;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A bug of ours: logged with its stack trace here, answered with the envelope and no trace on the wire. */
@Produces
@Singleton
public final class UnexpectedFailureHandler implements ExceptionHandler<RuntimeException, HttpResponse<String>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailureHandler.class);

    @Override
    public HttpResponse<String> handle(HttpRequest request, RuntimeException exception) {
        LOG.error("Unexpected failure on {} {}", request.getMethod(), request.getPath(), exception);
        return Answers.fail(500, "internal error in the callback receiver");
    }
}
