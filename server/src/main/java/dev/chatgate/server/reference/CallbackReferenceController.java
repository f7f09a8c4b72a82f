package dev.chatgate.server.reference;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.net.URI;

/**
 * Serves the callback reference at {@code /docs/callbacks/}: public, read-only, generated from the spec (nothing
 * in it is secret). Anything that is not one of its files is a 404 that says so, never a server error.
 */
@Controller(CallbackReferenceController.ROOT)
public final class CallbackReferenceController {

    static final String ROOT = "/docs/callbacks";

    private final ReferenceFiles files;

    public CallbackReferenceController(ReferenceFiles files) {
        this.files = files;
    }

    /** The index; without the trailing slash, a redirect to it, so that the pages' relative links resolve. */
    @Get
    public HttpResponse<?> index(HttpRequest<?> request) {
        if (!request.getPath().endsWith("/")) {
            return HttpResponse.permanentRedirect(URI.create("callbacks/"));
        }
        return serve("index.html");
    }

    /** A file of the site; a bare command name ({@code /docs/callbacks/C2C.CallbackBeforeSendMsg}) leads to its page. */
    @Get("/{+path}")
    public HttpResponse<?> file(@PathVariable String path) {
        if (files.find(path).isEmpty() && files.commandPage(path).isPresent()) {
            return HttpResponse.permanentRedirect(URI.create(files.commandPage(path).get()));
        }
        return serve(path);
    }

    private HttpResponse<?> serve(String path) {
        return files.find(path)
                .<HttpResponse<?>>map(file -> HttpResponse.ok(file.content()).contentType(file.contentType()))
                .orElseGet(() -> HttpResponse.notFound(NotFoundPage.render(path)).contentType(MediaType.TEXT_HTML_TYPE));
    }
}
