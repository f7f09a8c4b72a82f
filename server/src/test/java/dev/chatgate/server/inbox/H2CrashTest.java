package dev.chatgate.server.inbox;

import java.nio.file.Path;
import java.util.List;

class H2CrashTest extends CrashTest {

    @Override
    List<String> storeProperties(Path dir) {
        // Commits far apart, so that kills land while events answered OK are in the journal only.
        return List.of("-Dchatgate.inbox.data-dir=" + dir.resolve("data").toAbsolutePath(),
                "-Dchatgate.inbox.commit-interval=150ms");
    }
}
