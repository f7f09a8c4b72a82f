package dev.chatgate.server.inbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default, as H2 itself reports it once opened: the settings the guarantee and the latency rest on. */
class EmbeddedInboxSettingsTest {

    @Test
    void theDefaultEmbeddedInboxWritesEveryCommitAtOnceWithASmallPageCache(@TempDir Path dir) throws Exception {
        TestInbox config = new TestInbox();
        config.dataDir(dir.toString());

        Map<String, String> settings = settingsOf(config);

        assertThat(settings).as("a commit kept in memory would be lost with the process after its OK")
                .containsEntry("WRITE_DELAY", "0");
        assertThat(settings).as("H2's 16 MB default keeps seconds of written pages alive for the GC to copy")
                .containsEntry("info.CACHE_MAX_SIZE", "4");
        assertThat(Files.exists(dir.resolve("inbox.mv.db"))).as("the file lives under the data directory").isTrue();
    }

    private static Map<String, String> settingsOf(TestInbox config) throws Exception {
        Map<String, String> settings = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(config.store().url(), config.user(),
                config.store().password());
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT setting_name, setting_value FROM information_schema.settings")) {
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
            }
        }
        return settings;
    }
}
