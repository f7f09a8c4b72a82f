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
        InboxConfiguration config = new InboxConfiguration();
        config.setDataDir("/var/lib/chatgate");

        assertThat(config.getJournalDir()).isEqualTo(Path.of("/var/lib/chatgate/inbox.journal"));
    }

    @Test
    void anH2FileUrlOfTheUsersOwnKeepsItBesideThatFileWhateverTheDataDirectory() {
        InboxConfiguration config = new InboxConfiguration();
        config.setDataDir("/elsewhere");
        config.setUrl("jdbc:h2:file:/srv/events/store;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");

        assertThat(config.getJournalDir()).isEqualTo(Path.of("/srv/events/store.journal"));
    }

    @Test
    void noJournalWhenOffWithSyncedCommitsOnPostgresOrForAnInMemoryDatabase() {
        InboxConfiguration off = new InboxConfiguration();
        off.setJournal(false);
        InboxConfiguration synced = new InboxConfiguration();
        synced.setSyncCommits(true);
        InboxConfiguration postgres = new InboxConfiguration();
        postgres.setUrl("jdbc:postgresql://db:5432/chatgate");
        InboxConfiguration memory = new InboxConfiguration();
        memory.setUrl("jdbc:h2:mem:inbox;MODE=PostgreSQL");

        assertThat(off.getJournalDir()).as("journal: false").isNull();
        assertThat(synced.getJournalDir()).as("sync-commits: each answer waits for its synced commit").isNull();
        assertThat(postgres.getJournalDir()).as("PostgreSQL, unless asked for: an OK waits for its commit").isNull();
        assertThat(memory.getJournalDir()).as("nothing in memory survives the process anyway").isNull();
    }

    @Test
    void postgresWithTheJournalOnKeepsItUnderTheNodesOwnDataDirectory() {
        InboxConfiguration config = new InboxConfiguration();
        config.setUrl("jdbc:postgresql://db:5432/chatgate");
        config.setDataDir("/var/lib/chatgate-node-a");
        config.setJournal(true);
        config.setSyncCommits(true);

        assertThat(config.getJournalDir()).as("sync-commits is the embedded store's setting")
                .isEqualTo(Path.of("/var/lib/chatgate-node-a/inbox.journal"));
    }
}
