package dev.chatgate.server;

import java.time.Duration;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@MicronautTest
@Property(name = "chatgate.apps.1400000000.tokens[0]", value = OperationsTest.TOKEN)
class OperationsTest {

    static final String TOKEN = "ops-secret-token";

    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient http;

    private TencentSender sender() {
        return TencentSender.to(server.getURL() + "/").app("1400000000").token(TOKEN).build();
    }

    @Test
    void healthIsUp() {
        assertThat(http.toBlocking().retrieve("/health")).contains("\"status\":\"UP\"");
    }

    @Test
    void prometheusCountsCallbacksByCommandAndOutcome() {
        sender().send("Group.CallbackAfterGroupFull", "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"g\"}");
        TencentSender.to(server.getURL() + "/").app("1").build()
                .send("Group.CallbackAfterGroupFull", "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\"}");
        sender().send("Group.CallbackAfterGroupFull", "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":7}");
        String metrics = http.toBlocking().retrieve("/prometheus");
        assertThat(metrics).contains("chatgate_callbacks_received_total{command=\"Group.CallbackAfterGroupFull\",outcome=\"ok\"}");
        assertThat(metrics).contains("chatgate_callbacks_received_total{command=\"Group.CallbackAfterGroupFull\",outcome=\"rejected_app\"}");
        assertThat(metrics).contains("chatgate_validation_violations_total{command=\"Group.CallbackAfterGroupFull\"}");
        assertThat(metrics).contains("chatgate_callbacks_latency_seconds_bucket{command=\"Group.CallbackAfterGroupFull\"");
    }

    @Test
    void aWrongMethodOrPathIsAnsweredInTheEnvelopeWithoutEchoingTheQuery() {
        HttpClientResponseException get = catchThrowableOfType(
                () -> http.toBlocking().exchange(HttpRequest.GET("/?Sign=abc123secret"), String.class),
                HttpClientResponseException.class);
        assertThat(get.getStatus().getCode()).isEqualTo(405);
        String body = get.getResponse().getBody(String.class).orElse("");
        assertThat(body).isEqualTo("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":405,\"ErrorInfo\":\"callbacks are POSTed; GET is not allowed\"}");
        HttpClientResponseException missing = catchThrowableOfType(
                () -> http.toBlocking().exchange(HttpRequest.POST("/nowhere?Sign=abc123secret", "{}"), String.class),
                HttpClientResponseException.class);
        assertThat(missing.getStatus().getCode()).isEqualTo(404);
        assertThat(missing.getResponse().getBody(String.class).orElse("")).contains("\"ErrorCode\":404").doesNotContain("abc123secret");
    }

    @Test
    void inboxManagementIsRefusedWhileNoAdminTokenIsConfigured() {
        HttpClientResponseException refused = catchThrowableOfType(
                () -> http.toBlocking().retrieve(HttpRequest.GET("/inbox/dead").bearerAuth("anything")),
                HttpClientResponseException.class);
        assertThat(refused.getStatus().getCode()).isEqualTo(403);
        assertThat(refused.getResponse().getBody(String.class).orElse(""))
                .contains("inbox management is off: set chatgate.inbox.admin-token");
    }

    @Test
    void theRequestLogHasOneLinePerCallbackAndNoSecrets() throws InterruptedException {
        Logger requests = (Logger) LoggerFactory.getLogger("chatgate.requests");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        requests.addAppender(captured);
        ch.qos.logback.classic.Level level = requests.getLevel();
        requests.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            SenderResult ok = sender().send("Group.CallbackAfterGroupFull", "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"secret-body-value\"}");
            SenderResult refused = TencentSender.to(server.getURL() + "/").app("1400000000").token("wrong-token")
                    .build().send("Group.CallbackAfterGroupFull", "{}");
            assertThat(ok.isOk()).isTrue();
            assertThat(refused.status()).isEqualTo(401);
            Eventually.within(Duration.ofSeconds(2), () -> assertThat(captured.list).hasSize(2));
            assertThat(captured.list.get(0).getFormattedMessage())
                    .matches("callback command=Group.CallbackAfterGroupFull app=1400000000 outcome=ok ms=[0-9.]+");
            assertThat(captured.list.get(1).getFormattedMessage()).contains("outcome=rejected_signature")
                    .contains("reason=\"signature mismatch");
            for (ILoggingEvent event : captured.list) {
                assertThat(event.getFormattedMessage()).doesNotContain(TOKEN).doesNotContain("wrong-token")
                        .doesNotContain("secret-body-value").doesNotContain("Sign=");
            }
        } finally {
            requests.detachAppender(captured);
            requests.setLevel(level);
        }
    }
}
