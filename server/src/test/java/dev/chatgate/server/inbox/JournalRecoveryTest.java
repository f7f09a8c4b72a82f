package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.journal.EventJournal;
import dev.chatgate.server.inbox.journal.InboxJournal;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import dev.chatgate.server.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a killed embedded service left in its journal (answered OK, not yet in the tables) is stored and delivered
 * when it starts again; what was in the tables already is not delivered twice.
 */
class JournalRecoveryTest {

    private static final String COMMAND = "Group.CallbackAfterGroupInfoChanged";
    private static final String QUERY = "SdkAppid=1400000000&CallbackCommand=" + COMMAND;

    @Test
    void eventsLeftInTheJournalAreStoredAndDeliveredOnceAtTheNextStart() throws Exception {
        Path dataDir = Path.of("target/test-inbox/recovery-" + System.nanoTime()).toAbsolutePath();
        String group = "@TGS#" + UUID.randomUUID();
        String stored = InboxDeliveryContract.event(group, "stored", "first");
        String journaledOnly = InboxDeliveryContract.event(group, "journaled", "second");

        try (EmbeddedServer first = start(dataDir)) {
            SenderResult result = TencentSender.to(first.getURL() + "/").app("1400000000").token("local-dev-token")
                    .build().send(COMMAND, stored);
            assertThat(result.isOk()).as(result.toString()).isTrue();
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(deliveries(stored)).isEqualTo(1));
        }
        // As a kill would leave it: the first event again (committed, its file not yet released), the second
        // answered OK and never committed, and the start of a third the process died writing.
        Path journalDir = dataDir.resolve("inbox.journal");
        Path lastFile;
        try (EventJournal journal = EventJournal.open(journalDir, InboxJournal.SEGMENT_BYTES)) {
            journal.append(List.of(asReceived(stored), asReceived(journaledOnly)));
            lastFile = journal.files().get(journal.files().size() - 1);
        }
        Files.write(lastFile, new byte[]{0, 0, 1, 0, 7}, StandardOpenOption.APPEND);

        try (EmbeddedServer second = start(dataDir)) {
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(deliveries(journaledOnly))
                    .as("the event only the journal had").isEqualTo(1));
            Thread.sleep(300);
            assertThat(deliveries(stored)).as("the event the tables had already").isEqualTo(1);
            assertThat(RecordingListener.ORDER_BY_GROUP.get(group)).containsExactly("first", "second");
            Eventually.within(Duration.ofSeconds(5), () -> assertThat(Files.exists(lastFile))
                    .as("the recovered file, deleted once its events are in the tables on the disk").isFalse());
        }
    }

    private static EmbeddedServer start(Path dataDir) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "chatgate.inbox.data-dir", dataDir.toString(),
                "chatgate.inbox.poll-interval", "10ms"), RecordingListener.ENV);
    }

    private static NewEvent asReceived(String json) throws IOException {
        return new NewEvent("1400000000", COMMAND, InboxDeliveryContract.idOf(json), "1400000000:group",
                QUERY, json, System.currentTimeMillis());
    }

    private static int deliveries(String json) {
        return RecordingListener.deliveries(InboxDeliveryContract.idOf(json));
    }
}
