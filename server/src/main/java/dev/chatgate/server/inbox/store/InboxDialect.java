package dev.chatgate.server.inbox.store;

import dev.chatgate.server.inbox.settings.JournalSettings;
import dev.chatgate.server.inbox.settings.UpkeepSettings;
import dev.chatgate.server.inbox.upkeep.UpkeepJob;
import org.flywaydb.core.api.migration.JavaMigration;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What differs between the databases that can hold the inbox, each dialect with its own SQL. It is chosen once,
 * from the URL, when the service starts ({@link InboxDialects}); nothing outside the dialects asks which database
 * it runs on.
 */
public interface InboxDialect {

    /** For the logs: "embedded H2", "PostgreSQL". */
    String describe();

    /** The URL the pool opens: the configured one, with what the inbox needs of this database added. */
    String jdbcUrl(String configured);

    /** The user when {@code chatgate.inbox.username} is unset. */
    String defaultUsername();

    /** Flyway locations of this database's migrations, the shared ones first. */
    List<String> migrationLocations();

    /** Migrations written in Java rather than SQL. */
    List<JavaMigration> javaMigrations();

    /** Checks made once the schema is current, before anything is written; throws what stops the start-up. */
    void prepare(DataSource dataSource);

    /** Where this node's journal is kept, if new events are journaled at all with these settings. */
    Optional<Path> journalDir(JournalSettings journal);

    /**
     * Whether a commit is on the disk when it returns (the journal may release its events then), rather than after
     * the next flush of the database's file.
     */
    boolean commitIsOnDiskWhenItReturns();

    /** Syncs the database's file to the disk, where the inbox has to do it itself; false where there is none. */
    boolean syncFile(DataSource dataSource) throws SQLException;

    /** Whether {@link #syncFile} has a file to sync. */
    boolean hasFileToSync();

    /** The upkeep this database needs besides the purge and the flush (a vacuum, a compaction). */
    List<UpkeepJob.Plan> upkeep(DataSource dataSource, UpkeepSettings settings);

    /**
     * One transaction for the writer: marks {@code done} delivered by {@code owner}, then inserts {@code events}.
     * With {@code leaseNew}, each new event whose order key has no pending event outside {@code owner}'s leases is
     * leased to {@code owner} at once (claimed as it is written, attempt 1); the others wait for a claimer.
     */
    WriteResult write(DataSource dataSource, List<NewEvent> events, List<Long> done, String owner, boolean leaseNew,
                      long now, long leaseUntil) throws SQLException;

    /** What a claim's candidate query ends with to lock its rows against other nodes ("" where one process). */
    String lockCandidates();

    /** Likewise for the run behind a head. */
    String lockRun();

    /** A body or query column as text. */
    String text(ResultSet rows, String column) throws SQLException;

    /** The dedupe key column as its 64 hex digits. */
    String dedupeKey(ResultSet rows) throws SQLException;

    /**
     * The owner whose leases a starting node gives back: its own on a database nodes share, every one (null) where
     * the database has one process.
     */
    String staleLeaseOwner(String nodeId);
}
