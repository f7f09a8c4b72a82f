package dev.chatgate.server.inbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The crash test on PostgreSQL with the journal on: what a kill leaves in the node's journal is stored at its restart. */
class PostgresJournalCrashTest extends PostgresCrashTest {

    @Override
    List<String> storeProperties(Path dir) throws Exception {
        List<String> properties = new ArrayList<>(super.storeProperties(dir));
        // Commits far apart, so that kills land while events answered OK are in the journal only.
        properties.addAll(List.of("-Dchatgate.inbox.journal=true",
                "-Dchatgate.inbox.data-dir=" + dir.resolve("data").toAbsolutePath(),
                "-Dchatgate.inbox.commit-interval=150ms"));
        return properties;
    }
}
