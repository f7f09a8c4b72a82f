package dev.chatgate.server.hostile;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatgate.server.Eventually;
import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: whatever a client sends, it gets a 4xx in Tencent's envelope naming the problem (or, for bytes that
 * are not HTTP, a clean close), within 3 s, with nothing logged as an error, and the service still answers a
 * genuine callback OK afterwards.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "chatgate.apps." + HostileTarget.APP + ".tokens[0]", value = HostileTarget.TOKEN)
@Property(name = "chatgate.apps." + HostileTarget.ENFORCING_APP + ".tokens[0]", value = HostileTarget.TOKEN)
@Property(name = "chatgate.apps." + HostileTarget.ENFORCING_APP + ".validation", value = "enforce")
@Property(name = "chatgate.max-body-bytes", value = "" + HostileTarget.MAX_BODY_BYTES)
class HostileInputTest {

    @Inject
    EmbeddedServer server;

    private ErrorLogCapture errors;
    private RawHttp http;
    private TencentSender genuine;

    @BeforeAll
    void attach() {
        errors = new ErrorLogCapture();
        http = new RawHttp(server.getHost(), server.getPort());
        genuine = TencentSender.to(server.getURL() + "/").app(HostileTarget.APP).token(HostileTarget.TOKEN).build();
    }

    @AfterAll
    void detach() {
        errors.close();
    }

    @TestFactory
    Stream<DynamicTest> theQueryString() {
        return run(QueryCases.all());
    }

    @TestFactory
    Stream<DynamicTest> theHttpLayer() {
        return run(HttpCases.all());
    }

    @TestFactory
    Stream<DynamicTest> theBody() {
        return run(BodyCases.all());
    }

    @TestFactory
    Stream<DynamicTest> everyCommandsFieldsWithTheWrongTypes() {
        return run(SchemaCases.all());
    }

    @Test
    void aCommandNobodyVouchedForBecomesNoMetric() throws Exception {
        String invented = "Hostile.Invented" + UUID.randomUUID().toString().replace("-", "");
        SignedQuery unsigned = SignedQuery.of("999", HostileTarget.TOKEN, invented);
        SignedQuery badlySigned = SignedQuery.of(HostileTarget.APP, "not-the-token", invented);
        for (SignedQuery query : List.of(unsigned, badlySigned)) {
            assertThat(http.exchange(RawRequest.post(query.target()).body("{}").bytes(), 1, HostileCase.DEADLINE).get(0)
                    .status()).isIn(401, 403);
        }
        RawAnswer metrics = http.exchange(RawRequest.post("/prometheus").method("GET").bytes(), 1, HostileCase.DEADLINE).get(0);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("command=\"unrecognized\"").doesNotContain(invented);
    }

    @Test
    void aNewlineInTheQueryCannotForgeARequestLogLine() throws Exception {
        Logger requests = (Logger) LoggerFactory.getLogger("chatgate.requests");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        requests.addAppender(captured);
        Level level = requests.getLevel();
        requests.setLevel(Level.INFO);
        try {
            SignedQuery forged = HostileTarget.query().set("CallbackCommand", "CallbackCommand=X%0Acallback+command=Forged");
            RawAnswer answer = http.exchange(RawRequest.post(forged.target()).body(HostileTarget.BODY).bytes(), 1,
                    HostileCase.DEADLINE).get(0);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            Eventually.within(Duration.ofSeconds(2), () -> assertThat(captured.list).isNotEmpty());
            assertThat(captured.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("\n")
                    .doesNotContain("\r"));
        } finally {
            requests.detachAppender(captured);
            requests.setLevel(level);
        }
    }

    private Stream<DynamicTest> run(List<HostileCase> cases) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private void check(HostileCase hostile) throws Exception {
        errors.drain();
        RawAnswer answer = hostile.probe().send(http);
        Expect expect = hostile.expect();
        String what = hostile.name() + ": expected " + expect + ", got " + answer;
        if (answer.answered() || !expect.closeAllowed()) {
            assertThat(answer.status()).as(what).isEqualTo(expect.status());
            if (expect.reason() != null) {
                assertEnvelope(answer, expect, what);
            }
        } else {
            assertThat(answer.closedCleanly()).as(what).isTrue();
        }
        assertThat(answer.elapsed()).as(what).isLessThan(HostileCase.DEADLINE);
        SenderResult after = genuine.send(HostileTarget.COMMAND, HostileTarget.BODY);
        assertThat(after.isOk()).as(hostile.name() + ": a genuine callback afterwards got " + after).isTrue();
        assertThat(errors.drain()).as(hostile.name() + ": logged as errors").isEmpty();
    }

    private static void assertEnvelope(RawAnswer answer, Expect expect, String what) {
        JsonNode envelope = answer.json();
        assertThat(envelope).as(what + " (not JSON)").isNotNull();
        boolean ok = expect.status() == 200;
        assertThat(envelope.path("ActionStatus").asText()).as(what).isEqualTo(ok ? "OK" : "FAIL");
        assertThat(envelope.path("ErrorCode").asInt(-1)).as(what).isEqualTo(ok ? 0 : expect.status());
        String reason = envelope.path("ErrorInfo").asText();
        assertThat(reason).as(what).contains(expect.reason());
        assertThat(reason).as(what + ": ErrorInfo must not carry a Sign or a token")
                .doesNotContainPattern("(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])").doesNotContain(HostileTarget.TOKEN);
    }
}
