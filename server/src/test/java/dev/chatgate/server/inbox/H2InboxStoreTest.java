package dev.chatgate.server.inbox;

import java.nio.file.Path;

class H2InboxStoreTest extends InboxStoreContract {

    @Override
    String jdbcUrl() {
        return "jdbc:h2:file:" + Path.of("target/test-inbox/store-" + System.nanoTime(), "inbox").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    }
}
