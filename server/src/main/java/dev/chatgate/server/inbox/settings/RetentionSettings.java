package dev.chatgate.server.inbox.settings;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

import static dev.chatgate.server.inbox.settings.SettingChecks.orDefault;

/**
 * {@code chatgate.inbox.*}: how long delivered events are kept.
 *
 * @param retention     counted from an event's receipt; pending and dead events are kept whatever their age
 * @param purgeInterval how often the purge runs; not positive: never
 */
@ConfigurationProperties("chatgate.inbox")
public record RetentionSettings(@Nullable Duration retention, @Nullable Duration purgeInterval) {

    public RetentionSettings {
        retention = orDefault(retention, Duration.ofDays(7));
        purgeInterval = orDefault(purgeInterval, Duration.ofHours(1));
    }
}
