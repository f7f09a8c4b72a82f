package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.store.InboxDatabase;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import static dev.chatgate.server.inbox.TestEvents.groupEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whether a commit of new events reaches the disk before the write returns (and so before any OK). */
class EmbeddedCommitSyncTest {

    private static final long NOW = 1_700_000_000_000L;

    @Test
    void withSyncCommitsEachCommitOfNewEventsSyncsTheFileBeforeTheWriteReturns(@TempDir Path dir) throws Exception {
        TestInbox config = embeddedIn(dir);
        config.syncCommits(true);

        List<RecordedEvent> forces = forcesOfTheInboxFileWhile(config);

        assertThat(forces).as("an fsync of inbox.mv.db by the writing thread, within the write").isNotEmpty();
    }

    @Test
    void byDefaultTheFileIsLeftToTheKernelToFlush(@TempDir Path dir) throws Exception {
        TestInbox config = embeddedIn(dir);

        List<RecordedEvent> forces = forcesOfTheInboxFileWhile(config);

        assertThat(forces).as("H2 by itself does not sync a commit").isEmpty();
    }

    @Test
    void aUserWhoCannotSyncTheFileStopsTheStartRatherThanEveryCommit(@TempDir Path dir) throws Exception {
        TestInbox config = embeddedIn(dir);
        config.syncCommits(true);
        // A URL of the user's own: the default one sets the page cache, which needs an admin already.
        config.url("jdbc:h2:file:" + dir.resolve("inbox").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        config.database().close();
        try (Connection admin = DriverManager.getConnection(config.store().url(), "sa", "")) {
            admin.createStatement().execute("CREATE USER clerk PASSWORD 'p'");
            admin.createStatement().execute("GRANT ALL ON SCHEMA PUBLIC TO clerk");
        }
        config.username("clerk");
        config.password("p");

        assertThatThrownBy(() -> {
            InboxDatabase database = config.database();
            try {
                config.store(database);
            } finally {
                database.close();
            }
        }).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chatgate.inbox.sync-commits needs an H2 admin user");
    }

    private static TestInbox embeddedIn(Path dir) {
        TestInbox config = new TestInbox();
        config.dataDir(dir.toString());
        return config;
    }

    /** The forces of the inbox file made by this thread while it writes one batch of new events. */
    private static List<RecordedEvent> forcesOfTheInboxFileWhile(TestInbox config) throws Exception {
        return FileForces.ofInbox(config, Thread.currentThread().getName(),
                (database, store) -> store.insert(List.of(groupEvent("a", NOW), groupEvent("b", NOW)), NOW));
    }
}
