package com.example.wordfilter;

import dev.chatgate.fixtures.Fixtures;
import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The application on a random port, called as Tencent calls it: signed callbacks, answers read off the wire. */
@MicronautTest
class WordFilterAppTest {

    @Inject
    EmbeddedServer server;
    @Inject
    SentMessages sentMessages;

    private SenderResult send(String command, String body) {
        return TencentSender.to(server.getURL() + "/").app("1400000001").token("test-token").build().send(command, body);
    }

    private static String message(String command, String text) {
        return "{\"CallbackCommand\":\"" + command + "\",\"From_Account\":\"ann\",\"To_Account\":\"bob\","
                + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"" + text + "\"}},"
                + "{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Index\":1,\"Data\":\"smile\"}}]}";
    }

    @Test
    void aMessageMentioningACasinoIsRefusedWithACodeTheSenderSees() {
        SenderResult answer = send("C2C.CallbackBeforeSendMsg", message("C2C.CallbackBeforeSendMsg", "Visit my Casino"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body())
                .isEqualTo("{\"ActionStatus\":\"OK\",\"ErrorCode\":120001,\"ErrorInfo\":\"Links to gambling are not allowed\"}");
    }

    @Test
    void aMildSwearWordIsMaskedAndTheOtherElementsAreKept() {
        SenderResult answer = send("C2C.CallbackBeforeSendMsg", message("C2C.CallbackBeforeSendMsg", "Darn it"));
        assertThat(answer.errorCode()).as(answer.toString()).isZero();
        assertThat(answer.json().path("MsgBody").get(0).path("MsgContent").path("Text").asText()).isEqualTo("**** it");
        assertThat(answer.json().path("MsgBody").get(1).path("MsgType").asText()).isEqualTo("TIMFaceElem");
    }

    @Test
    void aCleanMessageIsAllowedUnchanged() {
        SenderResult answer = send("C2C.CallbackBeforeSendMsg", message("C2C.CallbackBeforeSendMsg", "hello"));
        assertThat(answer.body()).isEqualTo("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\"}");
    }

    @Test
    void aDeliveredMessageIsAnsweredOkAndReachesTheListener() throws InterruptedException {
        String body = Fixtures.c2cText().from("carol").to("dave").text("see you at noon").afterSendMsg();
        SenderResult answer = send("C2C.CallbackAfterSendMsg", body);
        assertThat(answer.isOk()).as(answer.toString()).isTrue();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sentMessages.received().stream().noneMatch(m -> m.from().equals("carol")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sentMessages.received()).as("what the listener received")
                .anySatisfy(m -> {
                    assertThat(m.from()).isEqualTo("carol");
                    assertThat(m.to()).isEqualTo("dave");
                    assertThat(m.text()).isEqualTo("see you at noon");
                    assertThat(m.eventId()).hasSize(64);
                });
    }

    @Test
    void anUnsignedCallbackIsRefused() {
        SenderResult answer = TencentSender.to(server.getURL() + "/").app("1400000001").build()
                .send("C2C.CallbackBeforeSendMsg", message("C2C.CallbackBeforeSendMsg", "hello"));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errorInfo()).startsWith("signature missing");
    }

    @Test
    void chatgatesOwnSettingsStillApplyBesideTheApplicationsOwn() throws Exception {
        send("C2C.CallbackBeforeSendMsg", message("C2C.CallbackBeforeSendMsg", "hello"));
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).as("chatgate's application.yml turns /prometheus on").isEqualTo(200);
        assertThat(metrics.body()).contains("chatgate_callbacks_received_total");
    }
}
