package dev.chatgate.server.inbox;

import dev.chatgate.fixtures.SenderResult;
import dev.chatgate.fixtures.TencentSender;
import dev.chatgate.server.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.chatgate.server.inbox.RecordingListener.deliveries;
import static org.assertj.core.api.Assertions.assertThat;

/** With the embedded store, an event the journal cannot take is answered 503, never OK; it works again after. */
class JournalUnavailableTest {

    private static final String COMMAND = "Group.CallbackAfterGroupInfoChanged";

    @Test
    void anEventTheJournalCannotTakeIsAnswered503WithTheReasonAndTheNextOneIsStoredOnceItCan() throws Exception {
        Path dataDir = Path.of("target/test-inbox/unavailable-" + System.nanoTime()).toAbsolutePath();
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "chatgate.inbox.data-dir", dataDir.toString(),
                "chatgate.inbox.poll-interval", "10ms"), RecordingListener.ENV)) {
            TencentSender sender = TencentSender.to(server.getURL() + "/").app("1400000000").token("local-dev-token")
                    .build();
            Path journal = dataDir.resolve("inbox.journal");
            deleteTree(journal);
            // Two events of 600 KB fill the open file past its 1 MB; the next append needs a new file, in a
            // directory that is gone.
            String group = "@TGS#" + UUID.randomUUID();
            for (int i = 0; i < 2; i++) {
                SenderResult filler = sender.send(COMMAND, InboxDeliveryContract.event(group, "x".repeat(600_000), "f" + i));
                assertThat(filler.isOk()).as("appended to the open file, deleted or not: " + filler).isTrue();
            }

            String refused = InboxDeliveryContract.event(group, "refused", "r");
            SenderResult result = sender.send(COMMAND, refused);

            assertThat(result.status()).as(result.toString()).isEqualTo(503);
            assertThat(result.actionStatus()).isEqualTo("FAIL");
            assertThat(result.errorInfo()).contains("event not stored, try again: inbox journal unavailable: cannot create")
                    .contains("inbox.journal").contains("NoSuchFileException");

            Files.createDirectories(journal);
            SenderResult retried = sender.send(COMMAND, refused);
            assertThat(retried.isOk()).as("Tencent's retry, once the journal can be written: " + retried).isTrue();
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(deliveries(InboxDeliveryContract.idOf(refused)))
                    .isEqualTo(1));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
