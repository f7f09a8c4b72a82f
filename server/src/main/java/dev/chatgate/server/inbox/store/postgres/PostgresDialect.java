package dev.chatgate.server.inbox.store.postgres;

import dev.chatgate.server.inbox.settings.JournalSettings;
import dev.chatgate.server.inbox.settings.StoreSettings;
import dev.chatgate.server.inbox.settings.UpkeepSettings;
import dev.chatgate.server.inbox.store.InboxDialect;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.store.Sql;
import dev.chatgate.server.inbox.store.WriteResult;
import dev.chatgate.server.inbox.upkeep.UpkeepJob;
import org.flywaydb.core.api.migration.JavaMigration;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL, which several nodes may share: claims lock their rows and skip the ones another node holds, each node
 * gives back only its own leases at start, a commit is on the disk when it returns, and the pending table is
 * vacuumed every second.
 */
public final class PostgresDialect implements InboxDialect {

    private final StoreSettings store;

    public PostgresDialect(StoreSettings store) {
        this.store = store;
    }

    @Override
    public String describe() {
        return "PostgreSQL";
    }

    @Override
    public String jdbcUrl(String configured) {
        return configured;
    }

    @Override
    public String defaultUsername() {
        return "postgres";
    }

    @Override
    public List<String> migrationLocations() {
        return List.of("classpath:db/migration", "classpath:db/postgresql");
    }

    @Override
    public List<JavaMigration> javaMigrations() {
        return List.of();
    }

    @Override
    public void prepare(DataSource dataSource) {
    }

    /** Off unless asked for; then {@code inbox.journal} under {@code data-dir}, which each node needs of its own. */
    @Override
    public Optional<Path> journalDir(JournalSettings journal) {
        if (!Boolean.TRUE.equals(journal.journal())) {
            return Optional.empty();
        }
        return Optional.of(Path.of(store.dataDir(), "inbox.journal").toAbsolutePath());
    }

    @Override
    public boolean commitIsOnDiskWhenItReturns() {
        return true;
    }

    @Override
    public boolean hasFileToSync() {
        return false;
    }

    @Override
    public boolean syncFile(DataSource dataSource) {
        return false;
    }

    @Override
    public List<UpkeepJob.Plan> upkeep(DataSource dataSource, UpkeepSettings settings) {
        return List.of(new UpkeepJob.Plan("vacuum", settings.pendingVacuumInterval(),
                "Could not vacuum the inbox's pending table (autovacuum still will): {}",
                "Vacuum of the inbox's pending table works again", () -> vacuumPending(dataSource)));
    }

    /**
     * Vacuums the pending table, so that the lookups, claims and "done" deletes of a busy inbox scan its few live
     * rows rather than a minute of dead ones (at 5,000 events/s a "done" delete took 0.1 ms with it and 0.7 to 8 ms
     * without); skipped at once while another node's vacuum holds it.
     */
    public static void vacuumPending(DataSource dataSource) throws SQLException {
        // VACUUM cannot run inside a transaction block.
        try (Connection connection = Sql.autocommitConnection(dataSource);
             Statement vacuum = connection.createStatement()) {
            vacuum.execute("VACUUM (SKIP_LOCKED) inbox_pending");
        }
    }

    @Override
    public WriteResult write(DataSource dataSource, List<NewEvent> events, List<Long> done, String owner,
                             boolean leaseNew, long now, long leaseUntil) throws SQLException {
        if (events.isEmpty()) {
            return Sql.inTransaction(dataSource, connection -> {
                if (!done.isEmpty()) {
                    Sql.markDone(connection, done, owner);
                }
                return new WriteResult(new long[0], new boolean[0]);
            });
        }
        return OneStatementWrite.write(dataSource, events, done, owner, leaseNew, now, leaseUntil);
    }

    @Override
    public String lockCandidates() {
        return " FOR UPDATE OF p SKIP LOCKED";
    }

    @Override
    public String lockRun() {
        return " FOR UPDATE";
    }

    @Override
    public String text(ResultSet rows, String column) throws SQLException {
        return rows.getString(column);
    }

    @Override
    public String dedupeKey(ResultSet rows) throws SQLException {
        return rows.getString("dedupe_key");
    }

    @Override
    public String staleLeaseOwner(String nodeId) {
        return nodeId;
    }
}
