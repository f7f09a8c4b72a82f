package dev.chatgate.server.receive;

import dev.chatgate.core.protocol.CallbackQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

import java.util.concurrent.CompletableFuture;

/** The one webhook endpoint Tencent posts every callback to (path: {@code chatgate.path}, default /). */
@Controller("${chatgate.path:/}")
public final class CallbackController {

    static final String START_ATTRIBUTE = "chatgate.start";

    private final CallbackReceiver receiver;

    public CallbackController(CallbackReceiver receiver) {
        this.receiver = receiver;
    }

    // Tencent's body is JSON whatever Content-Type says, so every type is taken as text.
    @Post
    @Consumes({MediaType.ALL, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<String>> receive(HttpRequest<?> request, @Body @Nullable String body) {
        long start = System.nanoTime();
        request.setAttribute(START_ATTRIBUTE, start);
        CallbackQuery query = CallbackQuery.parse(request.getUri().getRawQuery());
        return receiver.receive(query, body == null ? "" : body, start).thenApply(Answers::ok);
    }
}
