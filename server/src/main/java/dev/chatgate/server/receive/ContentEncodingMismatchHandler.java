package dev.chatgate.server.receive;

import dev.chatgate.server.ops.ClientText;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;

/** Netty could not undo the body's Content-Encoding (gzip said, plain JSON sent): the client's error, 400. */
@Produces
@Singleton
public final class ContentEncodingMismatchHandler implements ExceptionHandler<DecompressionException, HttpResponse<String>> {

    private final RejectionHandler rejections;

    public ContentEncodingMismatchHandler(RejectionHandler rejections) {
        this.rejections = rejections;
    }

    @Override
    public HttpResponse<String> handle(HttpRequest request, DecompressionException exception) {
        String encoding = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
        return rejections.handle(request, UnreadableBody.rejection(request, "body is not encoded as its "
                + "Content-Encoding says (" + ClientText.shortened(encoding) + "): " + exception.getMessage()));
    }
}
