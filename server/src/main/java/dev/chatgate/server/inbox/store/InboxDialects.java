package dev.chatgate.server.inbox.store;

import dev.chatgate.server.config.SettingsConversionCheck;
import dev.chatgate.server.inbox.RequiresInbox;
import dev.chatgate.server.inbox.settings.StoreSettings;
import dev.chatgate.server.inbox.store.h2.H2Dialect;
import dev.chatgate.server.inbox.store.postgres.PostgresDialect;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The one place that asks which database holds the inbox: its dialect, chosen from the URL at start-up. */
@Factory
public final class InboxDialects {

    @Singleton
    @RequiresInbox
    InboxDialect dialect(SettingsConversionCheck readable, StoreSettings store) {
        return forSettings(store);
    }

    public static InboxDialect forSettings(StoreSettings store) {
        return store.url().startsWith("jdbc:postgresql:") ? new PostgresDialect(store) : new H2Dialect(store);
    }
}
