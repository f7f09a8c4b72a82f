package dev.chatgate.server.inbox.settings;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;

import static dev.chatgate.server.inbox.settings.SettingChecks.atLeastOne;
import static dev.chatgate.server.inbox.settings.SettingChecks.orDefault;
import static dev.chatgate.server.inbox.settings.SettingChecks.positive;

/**
 * {@code chatgate.inbox.*}: the database that holds the inbox, and this node's name in it.
 *
 * @param url      JDBC URL; by default an embedded H2 file under {@code data-dir} (see {@link #embeddedUrl})
 * @param username null: the database's own default user (see the dialect)
 * @param nodeId   the owner of this node's leases; each node of a shared database needs its own
 */
@ConfigurationProperties("chatgate.inbox")
public record StoreSettings(@Nullable String dataDir, @Nullable String url, @Nullable String username,
                            @Nullable String password, @Nullable Integer poolSize, @Nullable Duration connectTimeout,
                            @Nullable Duration storeTimeout, @Nullable Boolean syncCommits, @Nullable String nodeId) {

    public StoreSettings {
        dataDir = orDefault(dataDir, "./data");
        url = orDefault(url, embeddedUrl(dataDir));
        password = orDefault(password, "");
        poolSize = atLeastOne("pool-size", poolSize, 8);
        connectTimeout = positive("connect-timeout", connectTimeout, Duration.ofMillis(1000));
        storeTimeout = positive("store-timeout", storeTimeout, Duration.ofMillis(1500));
        syncCommits = orDefault(syncCommits, false);
        nodeId = orDefault(nodeId, ManagementFactory.getRuntimeMXBean().getName());
    }

    /**
     * The default URL. WRITE_DELAY=0: H2 otherwise keeps commits in memory for up to half a second, and a killed
     * process would lose events already acknowledged. CACHE_SIZE=4096 (KB): what the inbox reads back is the newest
     * pages of a few indexes; H2's far larger default cache kept every page written in the last seconds alive, and
     * copying those between GC generations made young pauses at 5,000 events/s about twice as long.
     */
    static String embeddedUrl(String dataDir) {
        return "jdbc:h2:file:" + Path.of(dataDir, "inbox").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;CACHE_SIZE=4096";
    }
}
