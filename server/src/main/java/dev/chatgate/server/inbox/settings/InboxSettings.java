package dev.chatgate.server.inbox.settings;

import java.util.List;

/** The records that bind {@code chatgate.inbox.*}, one per concern: the one list the checks of every key walk. */
public final class InboxSettings {

    public static final List<Class<? extends Record>> RECORDS = List.of(StoreSettings.class, JournalSettings.class,
            WriteSettings.class, DeliverySettings.class, RetentionSettings.class, UpkeepSettings.class,
            AdminSettings.class);

    private InboxSettings() {
    }
}
