package dev.chatgate.server.inbox.settings;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

import static dev.chatgate.server.inbox.settings.SettingChecks.orDefault;

/**
 * {@code chatgate.inbox.*}: the store's background upkeep; an interval that is not positive turns its job off.
 *
 * @param flushInterval         how often the embedded H2 file (unless every commit is synced) and the journal are
 *                              synced to the disk, off the commit path, so that the kernel never has much to write
 *                              at once
 * @param pendingVacuumInterval PostgreSQL: how often the pending table is vacuumed (every event passes through
 *                              it, while autovacuum looks once a minute)
 * @param compactInterval       embedded H2: how often the file's sparse chunks are rewritten so their space is reused
 */
@ConfigurationProperties("chatgate.inbox")
public record UpkeepSettings(@Nullable Duration flushInterval, @Nullable Duration pendingVacuumInterval,
                             @Nullable Duration compactInterval) {

    public UpkeepSettings {
        flushInterval = orDefault(flushInterval, Duration.ofMillis(200));
        pendingVacuumInterval = orDefault(pendingVacuumInterval, Duration.ofSeconds(1));
        compactInterval = orDefault(compactInterval, Duration.ofSeconds(1));
    }
}
