package dev.chatgate.server.inbox;

import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import dev.chatgate.server.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.chatgate.server.inbox.RecordingListener.deliveries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service's journal files: a new one is started once the open one holds 1 MB, and an old one is
 * deleted once its events are in the tables (and, with H2, on the disk).
 */
class JournalFilesTest {

    private static final String COMMAND = "Group.CallbackAfterGroupInfoChanged";

    @Test
    void anEventTheJournalCannotTakeIsAnswered503WithTheReasonAndTheNextOneIsStoredOnceItCan() throws Exception {
        Path dataDir = dataDir("unavailable");
        try (EmbeddedServer server = start(dataDir, Map.of())) {
            TencentSender sender = sender(server);
            Path journal = dataDir.resolve("inbox.journal");
            deleteTree(journal);
            String group = fillTheOpenFile(sender);

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

    @Test
    void withoutScheduledFlushesEachCommitDeletesTheFilesItsEventsFinished() throws Exception {
        Path dataDir = dataDir("no-flush");
        assertEachCommitDeletesTheFilesItFinished(dataDir, Map.of("chatgate.inbox.flush-interval", "0s"));
    }

    @Test
    void onPostgresEachCommitDeletesTheFilesItFinishedSinceTheCommitIsOnTheDiskWhenItReturns() throws Exception {
        Path dataDir = dataDir("postgres");
        assertEachCommitDeletesTheFilesItFinished(dataDir, Map.of("chatgate.inbox.url", LocalPostgres.url(),
                "chatgate.inbox.journal", "true", "chatgate.inbox.flush-interval", "1h"));
    }

    private static void assertEachCommitDeletesTheFilesItFinished(Path dataDir, Map<String, Object> store)
            throws Exception {
        try (EmbeddedServer server = start(dataDir, store)) {
            TencentSender sender = sender(server);
            List<Path> first = journalFiles(dataDir);
            String group = fillTheOpenFile(sender);

            String next = InboxDeliveryContract.event(group, "next", "n");
            assertThat(sender.send(COMMAND, next).isOk()).isTrue();

            Eventually.within(Duration.ofSeconds(10), () -> assertThat(deliveries(InboxDeliveryContract.idOf(next)))
                    .isEqualTo(1));
            assertThat(first).as("the file open at the start").hasSize(1);
            Eventually.within(Duration.ofSeconds(5), () -> assertThat(first)
                    .as("the filled file, once its events are committed").noneMatch(Files::exists));
            assertThat(journalFiles(dataDir)).as("the file the next event went to").hasSize(1);
        }
    }

    /** Two events of 600 KB take the open journal file past its 1 MB: the next event starts a new file. */
    private static String fillTheOpenFile(TencentSender sender) {
        String group = "@TGS#" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            SenderResult filler = sender.send(COMMAND, InboxDeliveryContract.event(group, "x".repeat(600_000), "f" + i));
            assertThat(filler.isOk()).as("appended to the open file: " + filler).isTrue();
        }
        return group;
    }

    private static Path dataDir(String label) {
        return Path.of("target/test-inbox/journal-" + label + "-" + System.nanoTime()).toAbsolutePath();
    }

    private static EmbeddedServer start(Path dataDir, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "chatgate.inbox.data-dir", dataDir.toString(),
                "chatgate.inbox.poll-interval", "10ms"));
        properties.putAll(more);
        return ApplicationContext.run(EmbeddedServer.class, properties, RecordingListener.ENV);
    }

    private static TencentSender sender(EmbeddedServer server) {
        return TencentSender.to(server.getURL() + "/").app("1400000000").token("local-dev-token").build();
    }

    private static List<Path> journalFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("inbox.journal"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
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
