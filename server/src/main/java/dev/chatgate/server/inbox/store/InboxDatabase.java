package dev.chatgate.server.inbox.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatgate.server.inbox.RequiresInbox;
import dev.chatgate.server.inbox.settings.StoreSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * The inbox's connection pool, migrated to the current schema by Flyway when the service starts, with the
 * dialect's migrations. Why this is wired here rather than by micronaut-jdbc-hikari and micronaut-flyway:
 * docs/adr/0201-inbox-datasource-wired-by-hand.md.
 */
@Singleton
@RequiresInbox
public final class InboxDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InboxDatabase.class);

    private final HikariDataSource dataSource;

    public InboxDatabase(StoreSettings settings, InboxDialect dialect) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("chatgate-inbox");
        hikari.setJdbcUrl(dialect.jdbcUrl(settings.url()));
        hikari.setUsername(settings.username() != null ? settings.username() : dialect.defaultUsername());
        hikari.setPassword(settings.password());
        hikari.setMaximumPoolSize(settings.poolSize());
        hikari.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        hikari.setValidationTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        hikari.setAutoCommit(false);
        // The pool survives an outage (requests are answered with a failure meanwhile); the migration below needs it up.
        hikari.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(hikari);
        Flyway.configure().dataSource(dataSource)
                .locations(dialect.migrationLocations().toArray(String[]::new))
                .javaMigrations(dialect.javaMigrations().toArray(JavaMigration[]::new))
                .load().migrate();
        LOG.info("Inbox on {} ({}), node {}", redact(settings.url()), dialect.describe(), settings.nodeId());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    @PreDestroy
    public void close() {
        dataSource.close();
    }
}
