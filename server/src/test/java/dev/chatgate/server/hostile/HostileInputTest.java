package dev.chatgate.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
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
