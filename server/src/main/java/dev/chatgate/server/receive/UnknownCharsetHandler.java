package dev.chatgate.server.receive;

import dev.chatgate.server.ops.ClientText;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.nio.charset.UnsupportedCharsetException;

/** A Content-Type whose charset this JVM does not have: 400, naming the header. */
@Produces
@Singleton
public final class UnknownCharsetHandler implements ExceptionHandler<UnsupportedCharsetException, HttpResponse<String>> {

    private final RejectionHandler rejections;

    public UnknownCharsetHandler(RejectionHandler rejections) {
        this.rejections = rejections;
    }

    @Override
    public HttpResponse<String> handle(HttpRequest request, UnsupportedCharsetException exception) {
        return refuse(request);
    }

    HttpResponse<String> refuse(HttpRequest<?> request) {
        return rejections.handle(request, UnreadableBody.rejection(request, "Content-Type names an unknown charset: "
                + ClientText.shortened(request.getHeaders().get(HttpHeaders.CONTENT_TYPE))));
    }
}
