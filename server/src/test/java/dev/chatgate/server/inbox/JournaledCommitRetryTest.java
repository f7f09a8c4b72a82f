package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.store.DedupeKeyBytes;
import dev.chatgate.server.inbox.store.InboxDatabase;
import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import dev.chatgate.server.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.chatgate.server.inbox.RecordingListener.deliveries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the journal, an event is answered OK before its H2 commit; a commit that fails must then be tried again
 * until it works, not dropped as when the failure could still be answered; meanwhile new events are refused.
 */
class JournaledCommitRetryTest {

    private static final String COMMAND = "Group.CallbackAfterGroupInfoChanged";

    @Test
    void anEventAnsweredOkWhoseCommitFailsIsStoredAndDeliveredOnceTheStoreWorksAgain() throws Exception {
        String group = "@TGS#" + UUID.randomUUID();
        String json = InboxDeliveryContract.event(group, "blocked", "n");
        String key = InboxDeliveryContract.idOf(json);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "chatgate.inbox.data-dir", "target/test-inbox/retry-" + System.nanoTime(),
                "chatgate.inbox.poll-interval", "10ms"), RecordingListener.ENV)) {
            InboxDatabase database = server.getApplicationContext().getBean(InboxDatabase.class);
            try (Connection blocker = database.dataSource().getConnection()) {
                // An uncommitted row with the same dedupe key: the writer's insert waits for it, then fails.
                try (PreparedStatement insert = blocker.prepareStatement("INSERT INTO inbox_event (app_id, command,"
                        + " dedupe_key, order_key, query, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, "1400000000");
                    insert.setString(2, COMMAND);
                    insert.setBytes(3, DedupeKeyBytes.of(key));
                    insert.setString(4, "blocker");
                    insert.setBytes(5, "q".getBytes(StandardCharsets.UTF_8));
                    insert.setBytes(6, "{}".getBytes(StandardCharsets.UTF_8));
                    insert.setLong(7, 0);
                    insert.executeUpdate();
                }
                SenderResult result = TencentSender.to(server.getURL() + "/").app("1400000000")
                        .token("local-dev-token").build().send(COMMAND, json);
                assertThat(result.isOk()).as("answered from the journal: " + result).isTrue();

                Eventually.within(Duration.ofSeconds(10), () -> assertThat(failedCommits(server))
                        .as("commits that failed while the row was locked").isGreaterThanOrEqualTo(2));
                assertThat(deliveries(key)).as("not delivered while it is not stored").isZero();
                SenderResult meanwhile = TencentSender.to(server.getURL() + "/").app("1400000000")
                        .token("local-dev-token").build().send(COMMAND, InboxDeliveryContract.event(group, "later", "m"));
                assertThat(meanwhile.status()).as("a new event while commits fail: " + meanwhile).isEqualTo(503);
                assertThat(meanwhile.errorInfo()).startsWith("event not stored, try again: inbox store unavailable: ");
                blocker.rollback();
            }
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(deliveries(key))
                    .as("stored and delivered once the lock is gone").isEqualTo(1));
            Thread.sleep(300);
            assertThat(deliveries(key)).isEqualTo(1);
        }
    }

    private static double failedCommits(EmbeddedServer server) {
        var counter = server.getApplicationContext().getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .find("chatgate.inbox.commit.failures").counter();
        return counter == null ? 0 : counter.count();
    }
}
