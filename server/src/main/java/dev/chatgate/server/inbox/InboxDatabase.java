package dev.chatgate.server.inbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/** The inbox's connection pool, migrated to the current schema by Flyway when the service starts. */
@Singleton
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class InboxDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(InboxDatabase.class);

    private final HikariDataSource dataSource;

    public InboxDatabase(InboxConfiguration config) {
        config.check();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("chatgate-inbox");
        hikari.setJdbcUrl(config.getUrl());
        hikari.setUsername(config.getUsername());
        hikari.setPassword(config.getPassword());
        hikari.setMaximumPoolSize(config.getPoolSize());
        hikari.setConnectionTimeout(Math.max(250, config.getConnectTimeout().toMillis()));
        hikari.setValidationTimeout(Math.max(250, config.getConnectTimeout().toMillis()));
        hikari.setAutoCommit(false);
        // The pool survives an outage (requests are answered with a failure meanwhile); the migration below needs it up.
        hikari.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(hikari);
        String[] migrations = config.isPostgres() ? new String[]{"classpath:db/migration", "classpath:db/postgresql"}
                : new String[]{"classpath:db/migration", "classpath:db/h2"};
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource).locations(migrations);
        if (!config.isPostgres()) {
            flyway.javaMigrations(new V8__H2_dedupe_key_as_bytes());
        }
        flyway.load().migrate();
        LOG.info("Inbox on {} ({}), node {}", redact(config.getUrl()), config.isPostgres() ? "PostgreSQL" : "embedded H2",
                config.getNodeId());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @PreDestroy
    void close() {
        dataSource.close();
    }
}
