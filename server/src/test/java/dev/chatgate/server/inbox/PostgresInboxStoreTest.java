package dev.chatgate.server.inbox;

class PostgresInboxStoreTest extends InboxStoreContract {

    @Override
    String jdbcUrl() {
        return LocalPostgres.url();
    }
}
