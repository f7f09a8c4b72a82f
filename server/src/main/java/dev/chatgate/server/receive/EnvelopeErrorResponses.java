package dev.chatgate.server.receive;

import dev.chatgate.core.decision.Envelope;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Micronaut's own errors (wrong path, wrong method, ...) in Tencent's envelope too. Micronaut's messages quote
 * the full URI, Sign included, so the reason is written here from the path and method only.
 */
@Primary
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public final class EnvelopeErrorResponses implements ErrorResponseProcessor<String> {

    @Override
    public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String reason = switch (status) {
            case NOT_FOUND -> "no callback endpoint at " + context.getRequest().getPath();
            case METHOD_NOT_ALLOWED -> "callbacks are POSTed; " + context.getRequest().getMethodName() + " is not allowed";
            case BAD_REQUEST -> malformedUri(context).orElse("request is not well-formed HTTP/1.1");
            // Micronaut's 413 for a request line or headers past Netty's limits; a large body has its own handler.
            case REQUEST_ENTITY_TOO_LARGE -> "request line or headers are longer than this server accepts";
            default -> status.getReason();
        };
        return response.body(Envelope.fail(status.getCode(), reason).toString())
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** What is wrong with a request line Java cannot read as a URI; the reason and where, never the URI itself. */
    private static Optional<String> malformedUri(ErrorContext context) {
        Throwable cause = context.getRootCause().orElse(null);
        while (cause != null && !(cause instanceof URISyntaxException)) {
            cause = cause.getCause();
        }
        return Optional.ofNullable((URISyntaxException) cause).map(malformed -> "malformed request URI: "
                + malformed.getReason() + " at index " + malformed.getIndex());
    }
}
