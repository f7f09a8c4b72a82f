package dev.chatgate.server;

import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo app in the server (docs/handlers.md): a word filter and a membership recorder. */
@MicronautTest
@Property(name = "chatgate.example.enabled", value = "true")
@Property(name = "chatgate.apps.1400000000.tokens[0]", value = "example-token")
class ExampleAppTest {

    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient http;

    private TencentSender sender() {
        return TencentSender.to(server.getURL() + "/").app("1400000000").token("example-token").build();
    }

    private static String message(String command, String text) {
        return "{\"CallbackCommand\":\"" + command + "\",\"From_Account\":\"a\",\"To_Account\":\"b\",\"GroupId\":\"@TGS#1\","
                + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"" + text + "\"}},"
                + "{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Index\":1}}]}";
    }

    @Test
    void aBlockedWordIsRefusedWithTheCommandsCustomCode() {
        SenderResult c2c = sender().send("C2C.CallbackBeforeSendMsg", message("C2C.CallbackBeforeSendMsg", "Visit my Casino"));
        assertThat(c2c.errorCode()).isEqualTo(120001);
        assertThat(c2c.errorInfo()).isEqualTo("Messages mentioning 'casino' are not allowed");
        SenderResult group = sender().send("Group.CallbackBeforeSendMsg", message("Group.CallbackBeforeSendMsg", "casino"));
        assertThat(group.errorCode()).isEqualTo(10100);
    }

    @Test
    void aMaskedWordIsRewrittenAndOtherElementsAreKept() {
        SenderResult result = sender().send("Group.CallbackBeforeSendMsg", message("Group.CallbackBeforeSendMsg", "Darn it"));
        assertThat(result.errorCode()).isZero();
        assertThat(result.json().path("MsgBody").get(0).path("MsgContent").path("Text").asText()).isEqualTo("**** it");
        assertThat(result.json().path("MsgBody").get(1).path("MsgType").asText()).isEqualTo("TIMFaceElem");
    }

    @Test
    void aCleanMessageIsAllowedUnchanged() {
        SenderResult result = sender().send("C2C.CallbackBeforeSendMsg", message("C2C.CallbackBeforeSendMsg", "hello"));
        assertThat(result.body()).isEqualTo("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\"}");
    }

    @Test
    void joinsAndExitsKeepTheRosterInStep() throws InterruptedException {
        String group = "@TGS#roster";
        sender().send("Group.CallbackAfterNewMemberJoin", "{\"CallbackCommand\":\"Group.CallbackAfterNewMemberJoin\","
                + "\"GroupId\":\"" + group + "\",\"NewMemberList\":[{\"Member_Account\":\"ann\"},{\"Member_Account\":\"bob\"}]}");
        sender().send("Group.CallbackAfterMemberExit", "{\"CallbackCommand\":\"Group.CallbackAfterMemberExit\","
                + "\"GroupId\":\"" + group + "\",\"ExitType\":\"Quit\",\"ExitMemberList\":[{\"Member_Account\":\"ann\"}]}");
        String path = "/example/groups/" + URLEncoder.encode(group, StandardCharsets.UTF_8) + "/members";
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String members = "";
        while (System.nanoTime() < deadline) {
            members = http.toBlocking().retrieve(path);
            if (members.equals("[\"bob\"]")) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(members).isEqualTo("[\"bob\"]");
    }
}
