package dev.chatgate.server.inbox.store.h2;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

import java.sql.Connection;
import java.sql.SQLException;

/** The embedded H2 database's store, for the upkeep H2 offers no SQL for while the database is open. */
public final class EmbeddedStore {

    private EmbeddedStore() {
    }

    /** The store behind an embedded connection: reached through its session. */
    public static MVStore of(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }
}
