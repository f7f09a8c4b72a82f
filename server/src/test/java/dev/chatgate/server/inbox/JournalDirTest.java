package dev.chatgate.server.inbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the journal lives: beside the H2 file it belongs to, under the data directory with PostgreSQL when asked for,
 * and nowhere when it is not used.
 */
class JournalDirTest {

    @Test
    void theDefaultInboxKeepsItsJournalBesideItsFileUnderTheDataDirectory() {
        TestInbox config = new TestInbox();
        config.dataDir("/var/lib/chatgate");

        assertThat(config.journalDir()).isEqualTo(Path.of("/var/lib/chatgate/inbox.journal"));
    }

    @Test
    void anH2FileUrlOfTheUsersOwnKeepsItBesideThatFileWhateverTheDataDirectory() {
        TestInbox config = new TestInbox();
        config.dataDir("/elsewhere");
        config.url("jdbc:h2:file:/srv/events/store;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");

        assertThat(config.journalDir()).isEqualTo(Path.of("/srv/events/store.journal"));
    }

    @Test
    void noJournalWhenOffWithSyncedCommitsOnPostgresOrForAnInMemoryDatabase() {
        TestInbox off = new TestInbox();
        off.journal(false);
        TestInbox synced = new TestInbox();
        synced.syncCommits(true);
        TestInbox postgres = new TestInbox();
        postgres.url("jdbc:postgresql://db:5432/chatgate");
        TestInbox memory = new TestInbox();
        memory.url("jdbc:h2:mem:inbox;MODE=PostgreSQL");

        assertThat(off.journalDir()).as("journal: false").isNull();
        assertThat(synced.journalDir()).as("sync-commits: each answer waits for its synced commit").isNull();
        assertThat(postgres.journalDir()).as("PostgreSQL, unless asked for: an OK waits for its commit").isNull();
        assertThat(memory.journalDir()).as("nothing in memory survives the process anyway").isNull();
    }

    @Test
    void postgresWithTheJournalOnKeepsItUnderTheNodesOwnDataDirectory() {
        TestInbox config = new TestInbox();
        config.url("jdbc:postgresql://db:5432/chatgate");
        config.dataDir("/var/lib/chatgate-node-a");
        config.journal(true);
        config.syncCommits(true);

        assertThat(config.journalDir()).as("sync-commits is the embedded store's setting")
                .isEqualTo(Path.of("/var/lib/chatgate-node-a/inbox.journal"));
    }
}
