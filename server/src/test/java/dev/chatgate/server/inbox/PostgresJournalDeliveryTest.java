package dev.chatgate.server.inbox;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.util.Map;

/** The same contract on PostgreSQL with the journal asked for: answers from the journal, delivery from the tables. */
@MicronautTest(environments = RecordingListener.ENV)
class PostgresJournalDeliveryTest extends InboxDeliveryContract {

    @Override
    Map<String, String> database() {
        return Map.of("chatgate.inbox.url", LocalPostgres.url(),
                "chatgate.inbox.journal", "true",
                "chatgate.inbox.data-dir", "target/test-inbox/pg-journal-" + System.nanoTime());
    }
}
