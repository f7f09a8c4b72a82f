package dev.chatgate.server.inbox;

import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import dev.chatgate.server.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.chatgate.server.inbox.InboxDeliveryContract.event;
import static dev.chatgate.server.inbox.InboxDeliveryContract.idOf;
import static dev.chatgate.server.inbox.RecordingListener.deliveries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL going away under a node that answers from its journal: what the journal took before a commit failed is
 * stored once the database is back, and from that failure on, new events are refused rather than piled up on the node.
 */
class PostgresJournalOutageTest {

    private static final String COMMAND = "Group.CallbackAfterGroupInfoChanged";

    @Test
    void onceACommitFailsNewEventsAreRefusedAndTheJournaledOnesAreStoredWhenTheDatabaseIsBack() throws Exception {
        LocalPostgres postgres = LocalPostgres.server();
        try (EmbeddedServer node = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "chatgate.inbox.url", LocalPostgres.url(),
                "chatgate.inbox.journal", "true",
                "chatgate.inbox.data-dir", "target/test-inbox/pg-outage-" + System.nanoTime(),
                "chatgate.inbox.poll-interval", "10ms",
                "chatgate.inbox.connect-timeout", "500ms"), RecordingListener.ENV)) {
            TencentSender sender = TencentSender.to(node.getURL() + "/").app("1400000000").token("local-dev-token").build();
            String before = event("@TGS#journal-outage", "outage", "before");
            assertThat(sender.send(COMMAND, before).isOk()).isTrue();
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(deliveries(idOf(before))).isEqualTo(1));

            postgres.stopServer();
            List<String> journaled = new ArrayList<>();
            List<SenderResult> refused = new ArrayList<>();
            try {
                for (int i = 0; i < 100 && refused.size() < 3; i++) {
                    String during = event("@TGS#journal-outage", "outage", "during-" + i);
                    SenderResult result = sender.send(COMMAND, during);
                    if (result.isOk()) {
                        assertThat(refused).as("no OK after a refusal while the database is down").isEmpty();
                        journaled.add(idOf(during));
                    } else {
                        refused.add(result);
                    }
                    Thread.sleep(50);
                }
            } finally {
                postgres.startServer();
            }

            assertThat(journaled).as("the first event of the outage, taken before any commit failed").isNotEmpty();
            assertThat(refused).as("refusals within 100 events").hasSize(3).allSatisfy(result -> {
                assertThat(result.status()).isEqualTo(503);
                assertThat(result.actionStatus()).isEqualTo("FAIL");
                assertThat(result.errorInfo()).startsWith("event not stored, try again: inbox store unavailable: ");
            });
            String after = event("@TGS#journal-outage", "outage", "after");
            Eventually.within(Duration.ofSeconds(20), () -> assertThat(sender.send(COMMAND, after).isOk()).isTrue());
            Eventually.within(Duration.ofSeconds(20), () -> {
                assertThat(journaled).as("answered OK from the journal during the outage")
                        .allSatisfy(id -> assertThat(deliveries(id)).isEqualTo(1));
                assertThat(deliveries(idOf(after))).isEqualTo(1);
            });
            assertThat(deliveries(idOf(before))).as("not again").isEqualTo(1);
        }
    }
}
