package dev.chatgate.server.receive;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.nio.charset.IllegalCharsetNameException;

/** A Content-Type whose charset is empty or no charset name at all: answered as an unknown charset. */
@Produces
@Singleton
public final class IllegalCharsetNameHandler implements ExceptionHandler<IllegalCharsetNameException, HttpResponse<String>> {

    private final UnknownCharsetHandler unknownCharset;

    public IllegalCharsetNameHandler(UnknownCharsetHandler unknownCharset) {
        this.unknownCharset = unknownCharset;
    }

    @Override
    public HttpResponse<String> handle(HttpRequest request, IllegalCharsetNameException exception) {
        return unknownCharset.refuse(request);
    }
}
