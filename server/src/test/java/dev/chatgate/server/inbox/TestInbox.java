package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.journal.InboxJournal;
import dev.chatgate.server.inbox.settings.DeliverySettings;
import dev.chatgate.server.inbox.settings.JournalSettings;
import dev.chatgate.server.inbox.settings.StoreSettings;
import dev.chatgate.server.inbox.settings.UpkeepSettings;
import dev.chatgate.server.inbox.settings.WriteSettings;
import dev.chatgate.server.inbox.store.InboxDatabase;
import dev.chatgate.server.inbox.store.InboxDialect;
import dev.chatgate.server.inbox.store.InboxDialects;
import dev.chatgate.server.inbox.store.InboxStore;

import dev.chatgate.server.dispatch.NamedThreads;
import dev.chatgate.server.inbox.settings.RetentionSettings;
import dev.chatgate.server.inbox.upkeep.InboxFlush;
import dev.chatgate.server.inbox.upkeep.InboxPurge;
import dev.chatgate.server.inbox.upkeep.InboxUpkeep;
import io.micronaut.scheduling.ScheduledExecutorTaskScheduler;
import io.micronaut.scheduling.TaskScheduler;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.time.Duration;

/**
 * The one test builder for inbox settings: set what a test is about, leave the rest unset, and get the settings
 * records (their defaults are the records' own) or the parts built from them.
 */
final class TestInbox {

    private String dataDir;
    private String url;
    private Integer poolSize;
    private Boolean syncCommits;
    private Boolean journal;
    private Duration flushInterval;
    private Duration compactInterval;
    private Duration pendingVacuumInterval;
    private Duration commitInterval;
    private String username;
    private String password;

    static TestInbox embeddedIn(Path dir) {
        return new TestInbox().dataDir(dir.toString());
    }

    static TestInbox at(String url) {
        return new TestInbox().url(url);
    }

    TestInbox dataDir(String dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    TestInbox url(String url) {
        this.url = url;
        return this;
    }

    TestInbox poolSize(int poolSize) {
        this.poolSize = poolSize;
        return this;
    }

    TestInbox syncCommits(boolean syncCommits) {
        this.syncCommits = syncCommits;
        return this;
    }

    TestInbox journal(Boolean journal) {
        this.journal = journal;
        return this;
    }

    TestInbox flushInterval(Duration flushInterval) {
        this.flushInterval = flushInterval;
        return this;
    }

    TestInbox compactInterval(Duration compactInterval) {
        this.compactInterval = compactInterval;
        return this;
    }

    TestInbox pendingVacuumInterval(Duration pendingVacuumInterval) {
        this.pendingVacuumInterval = pendingVacuumInterval;
        return this;
    }

    TestInbox commitInterval(Duration commitInterval) {
        this.commitInterval = commitInterval;
        return this;
    }

    TestInbox username(String username) {
        this.username = username;
        return this;
    }

    TestInbox password(String password) {
        this.password = password;
        return this;
    }

    StoreSettings store() {
        return new StoreSettings(dataDir, url, username, password, poolSize, null, null, syncCommits, null);
    }

    JournalSettings journalSettings() {
        return new JournalSettings(journal);
    }

    UpkeepSettings upkeep() {
        return new UpkeepSettings(flushInterval, pendingVacuumInterval, compactInterval);
    }

    WriteSettings write() {
        return new WriteSettings(null, commitInterval);
    }

    DeliverySettings delivery() {
        return new DeliverySettings(null, null, null, null, null, null, null, null, null);
    }

    /** The user the database is opened as: the one set, else the dialect's default. */
    String user() {
        return username != null ? username : dialect().defaultUsername();
    }

    InboxDialect dialect() {
        return InboxDialects.forSettings(store());
    }

    /** Opens the database, migrated; the caller closes it. */
    InboxDatabase database() {
        return new InboxDatabase(store(), dialect());
    }

    InboxStore store(InboxDatabase database) {
        return new InboxStore(database, dialect(), store());
    }

    InboxJournal openJournal() {
        return new InboxJournal(dialect(), journalSettings(), upkeep());
    }

    /**
     * The upkeep these settings schedule on {@code database}, on one thread named {@code thread} (so that a test can
     * tell its file syncs apart), with {@code journal} (null: none); the caller closes it.
     */
    InboxUpkeep upkeep(InboxDatabase database, InboxJournal journal, String thread) {
        TaskScheduler scheduler = new ScheduledExecutorTaskScheduler(
                Executors.newSingleThreadScheduledExecutor(new NamedThreads(thread)));
        InboxJournal journalOrNone = journal != null ? journal
                : new InboxJournal(dialect(), new JournalSettings(false), upkeep());
        InboxPurge purge = new InboxPurge(store(database), new RetentionSettings(null, null), Clock.systemUTC());
        return new InboxUpkeep(scheduler, database, dialect(), upkeep(), new RetentionSettings(null, null), purge,
                new InboxFlush(database, dialect(), journalOrNone));
    }

    /** The journal's directory with these settings, or null where events are not journaled. */
    Path journalDir() {
        return dialect().journalDir(journalSettings()).orElse(null);
    }

    /** The commit interval in force with these settings. */
    Duration commitIntervalInForce() {
        return write().commitInterval(journalDir() != null);
    }
}
