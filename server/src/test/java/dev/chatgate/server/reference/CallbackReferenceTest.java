package dev.chatgate.server.reference;

import dev.chatgate.core.spec.CallbackSpec;
import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.core.spec.CommandRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The callback reference over HTTP, on a real server that requires signed callbacks: public pages, clear 404s. */
@MicronautTest
@Property(name = "micronaut.server.port", value = "-1")
@Property(name = "chatgate.apps.1400000000.tokens[0]", value = "secret-token")
class CallbackReferenceTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theIndexLinksEveryCommandOfTheSpecWithoutAuthentication() throws Exception {
        HttpResponse<String> index = get("/docs/callbacks/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        for (CommandDescriptor command : CommandRegistry.bundled().all()) {
            assertThat(index.body()).as("the index links %s", command.command())
                    .contains("href=\"commands/" + command.command() + ".html\"");
        }
    }

    @Test
    void thePathWithoutSlashRedirectsSoThatRelativeLinksResolve() throws Exception {
        HttpResponse<String> answer = get("/docs/callbacks");
        assertThat(answer.statusCode()).isEqualTo(308);
        assertThat(URI.create(server.getURL() + "/docs/callbacks").resolve(answer.headers().firstValue("Location").orElseThrow()))
                .hasPath("/docs/callbacks/");
    }

    @Test
    void everyCommandPageShowsEveryTopLevelFieldOfItsRequestSchema() throws Exception {
        var schemas = CallbackSpec.bundled().schemas();
        for (CommandDescriptor command : CommandRegistry.bundled().all()) {
            HttpResponse<String> page = get("/docs/callbacks/commands/" + command.command() + ".html");
            assertThat(page.statusCode()).as(command.command()).isEqualTo(200);
            schemas.path(command.requestSchema()).path("properties").fieldNames().forEachRemaining(field ->
                    assertThat(page.body()).as("%s shows its field %s", command.command(), field)
                            .contains("<code>" + field + "</code>"));
        }
    }

    @Test
    void aBareCommandNameLeadsToItsPage() throws Exception {
        HttpResponse<String> answer = get("/docs/callbacks/Group.CallbackAfterNewMemberJoin");
        assertThat(answer.statusCode()).isEqualTo(308);
        assertThat(answer.headers().firstValue("Location")).hasValue("commands/Group.CallbackAfterNewMemberJoin.html");
    }

    @Test
    void anUnknownCommandIsA404ThatSaysTheSpecDoesNotKnowIt() throws Exception {
        HttpResponse<String> answer = get("/docs/callbacks/commands/Group.CallbackNoSuchThing.html");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("No command <code>Group.CallbackNoSuchThing</code>")
                .contains("the spec does not know it").contains("href=\"/docs/callbacks/\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/docs/callbacks/..%2Fapplication.yml", "/docs/callbacks/%2e%2e/logback.xml",
            "/docs/callbacks/commands/..%2F..%2Flogback.xml", "/docs/callbacks/a/b/c.html", "/docs/callbacks/index.exe",
            "/docs/callbacks/%3Cscript%3Ealert(1)%3C%2Fscript%3E.html", "/docs/callbacks/.hidden.html",
            "/docs/callbacks/chatgate/reference/callbacks/index.html", "/docs/callbacks/%00.html"})
    void anOddPathIsAClear404(String path) throws Exception {
        HttpResponse<String> answer = get(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(404);
        assertThat(answer.body()).as(path).contains("in the callback reference").doesNotContain("<script>");
    }

    @Test
    void theStylesheetScriptAndSpecAreServedWithTheirTypes() throws Exception {
        for (List<String> file : List.of(List.of("style.css", "text/css"), List.of("search.js", "text/javascript"),
                List.of("callbacks.yaml", "application/yaml"))) {
            HttpResponse<String> answer = get("/docs/callbacks/" + file.get(0));
            assertThat(answer.statusCode()).as(file.get(0)).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).as(file.get(0))
                    .hasValueSatisfying(t -> assertThat(t).startsWith(file.get(1)));
        }
    }
}
