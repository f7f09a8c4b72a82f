package dev.chatgate.server.inbox;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin endpoints' token opens them, a wrong or missing one is refused, and neither reaches a log. */
class AdminTokenTest {

    private static final String TOKEN = "admin-token-that-must-not-be-logged";

    @Test
    void theTokenOpensTheEndpointsAWrongOneIsRefusedAndNeitherIsLogged() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        Level level = root.getLevel();
        root.setLevel(Level.INFO);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "chatgate.inbox.data-dir", "target/test-inbox/admin-" + System.nanoTime(),
                "chatgate.inbox.admin-token", TOKEN))) {
            assertThat(get(server, "Bearer " + TOKEN).statusCode()).isEqualTo(200);
            HttpResponse<String> wrong = get(server, "Bearer wrong-" + TOKEN);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("missing or wrong bearer token").doesNotContain(TOKEN);
            assertThat(get(server, "Bearer " + TOKEN.substring(0, 5)).statusCode()).as("a prefix of it").isEqualTo(401);
            assertThat(get(server, null).statusCode()).isEqualTo(401);
        } finally {
            root.detachAppender(captured);
            root.setLevel(level);
        }
        assertThat(captured.list).as("log events at the shipped level").isNotEmpty()
                .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(TOKEN.substring(0, 12)));
    }

    private static HttpResponse<String> get(EmbeddedServer server, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/inbox/dead"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
