package dev.chatgate.server.inbox;

import java.nio.file.Path;
import java.util.List;

class H2CrashTest extends CrashTest {

    @Override
    List<String> storeProperties(Path dir) {
        return List.of("-Dchatgate.inbox.data-dir=" + dir.resolve("data").toAbsolutePath());
    }
}
