package dev.chatgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgate.core.binding.FieldLoss;
import dev.chatgate.core.protocol.CallbackQuery;
import dev.chatgate.core.signature.CallbackSignature;
import dev.chatgate.core.spec.CallbackSpec;
import dev.chatgate.core.spec.CommandRegistry;
import dev.chatgate.core.spec.SpecExamples;
import dev.chatgate.core.validation.PayloadValidator;
import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import dev.chatgate.api.Callback;
import dev.chatgate.api.UnhandledCallbackListener;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(environments = TestHandlers.ENV)
@Property(name = "chatgate.apps.1400000001.tokens[0]", value = CallbackEndpointTest.TOKEN)
@Property(name = "chatgate.apps.1400000001.tokens[1]", value = CallbackEndpointTest.NEXT_TOKEN)
@Property(name = "chatgate.apps.1400000002.tokens[0]", value = CallbackEndpointTest.TOKEN)
@Property(name = "chatgate.apps.1400000002.validation", value = "enforce")
@Property(name = "chatgate.apps.1400000003.require-signature", value = "false")
@Property(name = "chatgate.apps.1400000004.validation", value = "off")
@Property(name = "chatgate.max-body-bytes", value = "65536")
class CallbackEndpointTest {

    static final String TOKEN = "test-token";
    static final String NEXT_TOKEN = "next-token";

    @Inject
    EmbeddedServer server;
    @Inject
    TestHandlers.C2CDecider c2c;
    @Inject
    TestHandlers.JoinRecorder joins;
    @Inject
    TestHandlers.UnhandledRecorder fallback;
    @Inject
    io.micronaut.serde.ObjectMapper mapper;
    @Inject
    jakarta.inject.Provider<io.micrometer.core.instrument.MeterRegistry> metrics;

    private TencentSender sender(String app, String token) {
        return TencentSender.to(server.getURL() + "/").app(app).token(token).build();
    }

    private TencentSender signed() {
        return sender("1400000001", TOKEN);
    }

    private static String c2cText(String text) {
        return "{\"CallbackCommand\":\"C2C.CallbackBeforeSendMsg\",\"From_Account\":\"a\",\"To_Account\":\"b\","
                + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"" + text + "\"}}]}";
    }

    private static void assertRejected(SenderResult result, int status, String reasonFragment) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.json()).as("envelope in " + result.body()).isNotNull();
        assertThat(result.json().path("ActionStatus").asText()).isEqualTo("FAIL");
        assertThat(result.errorCode()).isEqualTo(status);
        assertThat(result.errorInfo()).contains(reasonFragment);
    }

    @TestFactory
    Stream<DynamicTest> everyExampleSignedGets200AndAValidAnswer() {
        PayloadValidator validator = PayloadValidator.bundled();
        TencentSender sender = signed();
        return SpecExamples.listed(CallbackSpec.bundled()).stream().filter(e -> !e.answer())
                .map(example -> DynamicTest.dynamicTest(example.path(), () -> {
                    SenderResult result = sender.send(example.command(), example.json());
                    assertThat(result.status()).as(result.toString()).isEqualTo(200);
                    assertThat(result.json().path("ActionStatus").asText()).isEqualTo("OK");
                    assertThat(validator.validateResponse(example.command(), result.json()).violations())
                            .as("answer to " + example.path()).isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleReachesItsTypedModelWithEveryFieldIntact() {
        TencentSender sender = signed();
        return SpecExamples.listed(CallbackSpec.bundled()).stream().filter(e -> !e.answer())
                .map(example -> DynamicTest.dynamicTest(example.path(), () -> {
                    String json = example.json();
                    assertThat(sender.send(example.command(), json).status()).isEqualTo(200);
                    Eventually.within(Duration.ofSeconds(5), () -> assertThat(TestHandlers.SEEN).containsKey(json));
                    Callback<?> callback = TestHandlers.SEEN.get(json);
                    Class<?> model = CommandRegistry.bundled().find(example.command()).orElseThrow().requestModel();
                    assertThat(callback.payload()).isInstanceOf(model);
                    JsonNode written = new ObjectMapper().readTree(mapper.writeValueAsBytes(callback.payload()));
                    assertThat(FieldLoss.between(new ObjectMapper().readTree(json), written))
                            .as("fields lost between " + example.path() + " and " + model.getSimpleName()).isEmpty();
                }));
    }

    @Test
    void theFallbackIsToldWhetherACommandIsUnknownOrUnhandled() throws InterruptedException {
        String unknown = "{\"CallbackCommand\":\"Group.CallbackTotallyNew\",\"X\":1}";
        String unhandled = "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"@TGS#fallback\"}";
        signed().send("Group.CallbackTotallyNew", unknown);
        signed().send("Group.CallbackAfterGroupFull", unhandled);
        Eventually.within(Duration.ofSeconds(5), () -> {
            assertThat(fallback.reasons).containsEntry(unknown, UnhandledCallbackListener.Reason.UNKNOWN_COMMAND);
            assertThat(fallback.reasons).containsEntry(unhandled, UnhandledCallbackListener.Reason.NO_HANDLER);
        });
        assertThat(TestHandlers.SEEN.get(unknown).payload()).isNull();
    }

    @Test
    void aBeforeCallbackReachesItsTypedHandlerWithItsFields() {
        SenderResult result = signed().send("C2C.CallbackBeforeSendMsg", c2cText("hello"));
        assertThat(result.isOk()).as(result.toString()).isTrue();
        assertThat(c2c.seen).anySatisfy(p -> {
            assertThat(p.getFromAccount()).isEqualTo("a");
            assertThat(p.getToAccount()).isEqualTo("b");
        });
    }

    @Test
    void anAfterCallbackReachesItsListenerOffTheRequestThread() throws InterruptedException {
        String body = "{\"CallbackCommand\":\"Group.CallbackAfterNewMemberJoin\",\"GroupId\":\"@TGS#join-test\","
                + "\"Type\":\"Public\",\"JoinType\":\"Apply\",\"Operator_Account\":\"leckie\","
                + "\"NewMemberList\":[{\"Member_Account\":\"jared\"}],\"EventTime\":\"1670574414123\"}";
        SenderResult result = signed().send("Group.CallbackAfterNewMemberJoin", body);
        assertThat(result.isOk()).as(result.toString()).isTrue();
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(joins.seen).anySatisfy(c -> {
            assertThat(c.payload().getGroupId()).isEqualTo("@TGS#join-test");
            assertThat(c.payload().getNewMemberList().get(0).getMemberAccount()).isEqualTo("jared");
            assertThat(c.payload().getEventTime()).isEqualTo(1670574414123L);
            assertThat(c.rawJson()).isEqualTo(body);
            assertThat(c.sdkAppId()).isEqualTo("1400000001");
        }));
    }

    @Test
    void decisionsAreAnsweredInTheirDocumentedShape() {
        PayloadValidator validator = PayloadValidator.bundled();
        String command = "C2C.CallbackBeforeSendMsg";
        SenderResult deny = signed().send(command, c2cText("spam"));
        assertThat(deny.errorCode()).isEqualTo(1);
        SenderResult discard = signed().send(command, c2cText("drop"));
        assertThat(discard.errorCode()).isEqualTo(2);
        SenderResult custom = signed().send(command, c2cText("muted"));
        assertThat(custom.errorCode()).isEqualTo(120005);
        assertThat(custom.errorInfo()).isEqualTo("You are muted");
        SenderResult rewrite = signed().send(command, c2cText("rewrite"));
        assertThat(rewrite.errorCode()).isZero();
        assertThat(rewrite.json().path("MsgBody").get(0).path("MsgContent").path("Text").asText()).isEqualTo("***");
        assertThat(rewrite.json().path("CloudCustomData").asText()).isEqualTo("rewritten");
        for (SenderResult result : new SenderResult[]{deny, discard, custom, rewrite}) {
            assertThat(result.status()).isEqualTo(200);
            assertThat(validator.validateResponse(command, result.json()).violations()).as(result.body()).isEmpty();
        }
    }

    @Test
    void aFailingHandlerOrAnImpossibleDecisionYieldsTheFallbackNotA500() {
        SenderResult thrown = signed().send("C2C.CallbackBeforeSendMsg", c2cText("boom"));
        assertThat(thrown.isOk()).as(thrown.toString()).isTrue();
        SenderResult outOfRange = signed().send("C2C.CallbackBeforeSendMsg", c2cText("bad-code"));
        assertThat(outOfRange.isOk()).as(outOfRange.toString()).isTrue();
        SenderResult none = signed().send("C2C.CallbackBeforeSendMsg", c2cText("no-decision"));
        assertThat(none.isOk()).as(none.toString()).isTrue();
        assertThat(metrics.get().counter("chatgate.callbacks.received", "command", "C2C.CallbackBeforeSendMsg",
                "outcome", "handler_failed_fallback").count()).as("three answers were fallbacks").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aHandlerSleepingFiveSecondsIsAnsweredWithinTheDeadlineWithTheFallback() {
        String body = "{\"CallbackCommand\":\"Group.CallbackBeforeCreateGroup\",\"Operator_Account\":\"x\","
                + "\"Owner_Account\":\"x\",\"Type\":\"Public\",\"Name\":\"slow\"}";
        SenderResult result = signed().send("Group.CallbackBeforeCreateGroup", body);
        assertThat(result.isOk()).as("fallback is allow: " + result).isTrue();
        assertThat(result.elapsed()).isLessThan(Duration.ofMillis(1500 + 100));
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        SenderResult fast = signed().send("Group.CallbackBeforeCreateGroup", body.replace("slow", "quick"));
        assertThat(fast.errorCode()).as("the same handler decides when quick").isEqualTo(1);
    }

    @Test
    void anUnconfiguredAppIsRefusedWith403NamingTheAppNotTheToken() {
        SenderResult result = sender("999", TOKEN).send("C2C.CallbackBeforeSendMsg", c2cText("hi"));
        assertRejected(result, 403, "SdkAppid 999 is not configured");
        assertThat(result.body()).doesNotContain(TOKEN);
    }

    @Test
    void signatureFailuresAre401WithTheirReason() {
        String body = c2cText("hi");
        assertRejected(sender("1400000001", null).send("C2C.CallbackBeforeSendMsg", body), 401, "signature missing");
        assertRejected(sender("1400000001", "wrong").send("C2C.CallbackBeforeSendMsg", body), 401, "signature mismatch");
        String old = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
        CallbackQuery stale = signed().queryFor("C2C.CallbackBeforeSendMsg").withSignature(CallbackSignature.sign(TOKEN, old), old);
        assertRejected(signed().send(stale, body), 401, "signature expired");
        String ahead = String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond());
        CallbackQuery future = signed().queryFor("C2C.CallbackBeforeSendMsg").withSignature(CallbackSignature.sign(TOKEN, ahead), ahead);
        assertRejected(signed().send(future, body), 401, "signature future");
    }

    @Test
    void duringRotationBothTokensAreAccepted() {
        assertThat(sender("1400000001", NEXT_TOKEN).send("C2C.CallbackBeforeSendMsg", c2cText("hi")).isOk()).isTrue();
        assertThat(sender("1400000001", TOKEN).send("C2C.CallbackBeforeSendMsg", c2cText("hi")).isOk()).isTrue();
    }

    @Test
    void anAppWithoutTokensTakesUnsignedRequests() {
        assertThat(sender("1400000003", null).send("C2C.CallbackBeforeSendMsg", c2cText("hi")).isOk()).isTrue();
    }

    @Test
    void aMissingOrDifferentCommandIs400() {
        CallbackQuery none = signed().queryFor("x");
        none = new CallbackQuery(none.sdkAppId(), null, "json", null, null, none.sign(), none.requestTime());
        assertRejected(signed().send(none, c2cText("hi")), 400, "CallbackCommand query parameter is missing");
        assertRejected(signed().send("C2C.CallbackAfterSendMsg", c2cText("hi")), 400,
                "CallbackCommand in the body (C2C.CallbackBeforeSendMsg) differs from the query's (C2C.CallbackAfterSendMsg)");
    }

    @Test
    void malformedJsonIs400WithWhereItBreaks() {
        assertRejected(signed().send("C2C.CallbackBeforeSendMsg", "{\"CallbackCommand\": \n oops}"), 400, "line 2");
    }

    @Test
    void aMalformedPercentEscapeInTheQueryIs400SayingWhereWithoutEchoingTheUri() throws Exception {
        String body = c2cText("hi");
        String answer = rawPost("/?SdkAppid=1400000003&CallbackCommand=C2C.CallbackBeforeSendMsg&OptPlatform=%zz", body);
        assertThat(answer).as(answer).startsWith("HTTP/1.1 400 ");
        JsonNode envelope = new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(envelope.path("ActionStatus").asText()).isEqualTo("FAIL");
        assertThat(envelope.path("ErrorCode").asInt()).isEqualTo(400);
        assertThat(envelope.path("ErrorInfo").asText()).isEqualTo("malformed request URI: Malformed escape pair at index 76");
        assertThat(rawPost("/?SdkAppid=1400000003&CallbackCommand=C2C.CallbackBeforeSendMsg&OptPlatform=%41ndroid",
                body)).as("a well-formed escape is decoded and accepted").startsWith("HTTP/1.1 200 ");
    }

    /** A request as written, where the JDK's clients would refuse to send a malformed URI; the whole answer. */
    private String rawPost(String target, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(bytes);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anOversizedBodyIs413InTheEnvelope() {
        String big = "{\"CallbackCommand\":\"C2C.CallbackAfterSendMsg\",\"Pad\":\"" + "x".repeat(70_000) + "\"}";
        SenderResult result = signed().send("C2C.CallbackAfterSendMsg", big);
        assertRejected(result, 413, "larger than the limit");
    }

    @Test
    void enforceModeRejectsSchemaViolationsWithThePointers() {
        String body = "{\"CallbackCommand\":\"C2C.CallbackBeforeSendMsg\",\"From_Account\":42}";
        assertRejected(sender("1400000002", TOKEN).send("C2C.CallbackBeforeSendMsg", body), 400, "/From_Account");
        assertThat(signed().send("C2C.CallbackBeforeSendMsg", body).isOk()).as("report mode accepts it").isTrue();
    }

    @Test
    void withValidationOffABodyThatBreaksTheSchemaIsAccepted() {
        String body = "{\"CallbackCommand\":\"Group.CallbackAfterGroupDestroyed\",\"GroupId\":12345}";
        assertThat(sender("1400000004", null).send("Group.CallbackAfterGroupDestroyed", body).isOk()).isTrue();
        assertThat(sender("1400000002", TOKEN).send("Group.CallbackAfterGroupDestroyed", body).status())
                .as("the same body under enforce").isEqualTo(400);
    }

    @Test
    void unknownCommandsAreAnsweredOkSoTrafficIsNeverBlocked() {
        SenderResult result = signed().send("Group.CallbackSomethingNew", "{\"CallbackCommand\":\"Group.CallbackSomethingNew\"}");
        assertThat(result.isOk()).as(result.toString()).isTrue();
    }

    @Test
    void aBodyIsTakenAsJsonWhateverTheContentType() {
        SenderResult result = signed().send(signed().queryFor("C2C.CallbackBeforeSendMsg"),
                c2cText("hi").getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(result.isOk()).as(result.toString()).isTrue();
    }
}
