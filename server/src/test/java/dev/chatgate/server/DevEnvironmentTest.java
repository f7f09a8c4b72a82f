package dev.chatgate.server;

import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo app and its token, printed in the README, exist only in the dev environment: a deployment that starts
 * without it and configures no app refuses every callback, saying what to set.
 */
class DevEnvironmentTest {

    private static final String JOIN = "{\"CallbackCommand\":\"Group.CallbackAfterNewMemberJoin\",\"GroupId\":\"@TGS#1\","
            + "\"Type\":\"Public\",\"JoinType\":\"Apply\",\"Operator_Account\":\"leckie\","
            + "\"NewMemberList\":[{\"Member_Account\":\"jared\"}]}";

    /** The service as the shipped configuration starts it, in the environments given and no other. */
    private static EmbeddedServer start(String... environments) {
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments(environments)
                .properties(Map.of("micronaut.server.port", -1,
                        "chatgate.inbox.data-dir", "target/test-inbox/dev-" + System.nanoTime()))
                .start().getBean(EmbeddedServer.class).start();
    }

    @Test
    void withoutTheDevEnvironmentNoAppIsConfiguredAndEveryCallbackIsRefusedSayingWhatToSet() {
        try (EmbeddedServer server = start()) {
            SenderResult result = TencentSender.to(server.getURL() + "/").app("1400000000").token("local-dev-token")
                    .build().send("Group.CallbackAfterNewMemberJoin", JOIN);

            assertThat(result.status()).isEqualTo(403);
            assertThat(result.body()).contains("\"ActionStatus\":\"FAIL\"")
                    .contains("no app is configured: set chatgate.apps.<SdkAppid>.tokens");
        }
    }

    @Test
    void theDevEnvironmentBringsTheDemoAppWithTheReadmeToken() {
        try (EmbeddedServer server = start("dev")) {
            SenderResult result = TencentSender.to(server.getURL() + "/").app("1400000000").token("local-dev-token")
                    .build().send("Group.CallbackAfterNewMemberJoin", JOIN);

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.body()).contains("\"ActionStatus\":\"OK\"");
        }
    }
}
