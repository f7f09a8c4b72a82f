package dev.chatgate.server;

import dev.chatgate.fixtures.Fixtures;
import dev.chatgate.fixtures.junit.CallbackAssertions;
import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The snippet of docs/testing.md ("In your tests"), as written there, against a real server. */
@MicronautTest
@Property(name = "chatgate.apps.1400000000.tokens[0]", value = "t")
class ReadmeExampleTest {

    @Inject
    EmbeddedServer server;

    @Test
    void theReadmesFiveLinesWork() {
        String url = server.getURL() + "/";
        String body = Fixtures.c2cText().from("ann").to("bob").text("hello").afterSendMsg();
        CallbackAssertions.assertValidPayload("C2C.CallbackAfterSendMsg", body);
        SenderResult answer = TencentSender.to(url).app("1400000000").token("t").build()
                .send("C2C.CallbackAfterSendMsg", body);
        CallbackAssertions.assertValidAnswer("C2C.CallbackAfterSendMsg", answer.body());
        assertThat(answer.isOk()).as(answer.toString()).isTrue();
    }
}
