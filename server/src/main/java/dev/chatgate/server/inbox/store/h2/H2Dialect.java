package dev.chatgate.server.inbox.store.h2;

import dev.chatgate.server.inbox.settings.JournalSettings;
import dev.chatgate.server.inbox.settings.StoreSettings;
import dev.chatgate.server.inbox.settings.UpkeepSettings;
import dev.chatgate.server.inbox.store.DedupeKeyBytes;
import dev.chatgate.server.inbox.store.InboxDialect;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.store.WriteResult;
import dev.chatgate.server.inbox.upkeep.UpkeepJob;
import org.flywaydb.core.api.migration.JavaMigration;
import org.h2.mvstore.FileStore;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The embedded H2 file: one process, keys and bodies kept as bytes, the file synced by the inbox itself (H2
 * leaves its writes to the kernel) and compacted while events arrive.
 */
public final class H2Dialect implements InboxDialect {

    private static final String FILE_URL = "jdbc:h2:file:";

    private final StoreSettings store;
    private final boolean syncCommits;

    public H2Dialect(StoreSettings store) {
        this.store = store;
        this.syncCommits = store.syncCommits();
    }

    @Override
    public String describe() {
        return "embedded H2";
    }

    /**
     * With {@code DB_CLOSE_ON_EXIT=FALSE}: H2 would otherwise close the database from a JVM shutdown hook of its own,
     * while the service's shutdown still commits what it acknowledged; the inbox closes it (its pool) last.
     */
    @Override
    public String jdbcUrl(String configured) {
        return configured.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT=") ? configured
                : configured + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @Override
    public String defaultUsername() {
        return "sa";
    }

    @Override
    public List<String> migrationLocations() {
        return List.of("classpath:db/migration", "classpath:db/h2");
    }

    @Override
    public List<JavaMigration> javaMigrations() {
        return List.of(new V8__H2_dedupe_key_as_bytes());
    }

    @Override
    public void prepare(DataSource dataSource) {
        if (syncCommits) {
            checkDiskSyncAllowed(dataSource);
        }
    }

    /**
     * Beside the H2 file, named after it ({@code inbox.journal} for the default URL); none with {@code sync-commits}
     * (every commit is on the disk before its OK already) or an H2 URL other than a file.
     */
    @Override
    public Optional<Path> journalDir(JournalSettings journal) {
        String url = store.url();
        if (Boolean.FALSE.equals(journal.journal()) || syncCommits || !url.startsWith(FILE_URL)) {
            return Optional.empty();
        }
        String file = url.substring(FILE_URL.length()).split(";", 2)[0];
        if (file.startsWith("~/")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        return Optional.of(Path.of(file + ".journal").toAbsolutePath());
    }

    @Override
    public boolean commitIsOnDiskWhenItReturns() {
        return false;
    }

    @Override
    public boolean hasFileToSync() {
        return !syncCommits;
    }

    @Override
    public boolean syncFile(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            FileStore<?> file = EmbeddedStore.of(connection).getFileStore();
            if (file == null) {
                return false;
            }
            file.sync();
            return true;
        }
    }

    @Override
    public List<UpkeepJob.Plan> upkeep(DataSource dataSource, UpkeepSettings settings) {
        EmbeddedCompaction compaction = new EmbeddedCompaction(dataSource, settings.compactInterval());
        return List.of(new UpkeepJob.Plan("compact", settings.compactInterval(),
                "Could not compact the embedded inbox file (it grows meanwhile): {}",
                "Compaction of the embedded inbox file works again", compaction::compact));
    }

    @Override
    public WriteResult write(DataSource dataSource, List<NewEvent> events, List<Long> done, String owner,
                             boolean leaseNew, long now, long leaseUntil) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                WriteResult result = H2Writes.write(connection, events, done, owner, leaseNew, now, leaseUntil);
                connection.commit();
                if (syncCommits && !events.isEmpty()) {
                    syncToDisk(connection);
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    @Override
    public String lockCandidates() {
        return "";
    }

    @Override
    public String lockRun() {
        return "";
    }

    /** UTF-8 bytes (migration V4). */
    @Override
    public String text(ResultSet rows, String column) throws SQLException {
        byte[] bytes = rows.getBytes(column);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Its 32 bytes (migration V8). */
    @Override
    public String dedupeKey(ResultSet rows) throws SQLException {
        return DedupeKeyBytes.text(rows.getBytes("dedupe_key"));
    }

    /** The file has one process: every lease in it is stale when the service starts. */
    @Override
    public String staleLeaseOwner(String nodeId) {
        return null;
    }

    /**
     * {@code sync-commits}: waits until the file's writes are on the disk. H2 writes every commit to the file but
     * leaves it to the kernel to flush, within 30 s, so without this an OK does not survive a power loss.
     * {@code CHECKPOINT SYNC} syncs the file ({@code FileChannel.force}) after committing whatever H2 holds.
     */
    private static void syncToDisk(Connection connection) throws SQLException {
        try (Statement sync = connection.createStatement()) {
            sync.execute("CHECKPOINT SYNC");
        }
    }

    /** {@code CHECKPOINT SYNC} needs an H2 admin: refused, every commit would fail, so the service does not start. */
    private static void checkDiskSyncAllowed(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            syncToDisk(connection);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("chatgate.inbox.sync-commits needs an H2 admin user, which can run"
                    + " CHECKPOINT SYNC (the default user sa is one): " + e.getMessage(), e);
        }
    }
}
