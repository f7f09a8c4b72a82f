package dev.chatgate.server.inbox.settings;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

import static dev.chatgate.server.inbox.settings.SettingChecks.atLeastOne;
import static dev.chatgate.server.inbox.settings.SettingChecks.orDefault;
import static dev.chatgate.server.inbox.settings.SettingChecks.positive;

/**
 * {@code chatgate.inbox.*}: how stored events reach their listeners.
 *
 * @param maxAttempts     failed deliveries before an event is parked as dead
 * @param lease           how long a node owns an event it claimed; a node that dies releases its events when it ends
 * @param deliverOnCommit whether this node delivers the events it stored straight from memory once committed
 *                        (leased to it in the same transaction); off, every event waits for a claimer's poll
 * @param deliveryBacklog most events a node holds in memory for delivery; beyond it they wait for a claimer
 */
@ConfigurationProperties("chatgate.inbox")
public record DeliverySettings(@Nullable Integer maxAttempts, @Nullable Duration backoffInitial,
                               @Nullable Duration backoffMax, @Nullable Duration lease, @Nullable Duration pollInterval,
                               @Nullable Integer claimBatch, @Nullable Integer workers,
                               @Nullable Boolean deliverOnCommit, @Nullable Integer deliveryBacklog) {

    public DeliverySettings {
        maxAttempts = atLeastOne("max-attempts", maxAttempts, 8);
        backoffInitial = positive("backoff-initial", backoffInitial, Duration.ofSeconds(1));
        backoffMax = orDefault(backoffMax, Duration.ofMinutes(5));
        lease = positive("lease", lease, Duration.ofSeconds(30));
        pollInterval = positive("poll-interval", pollInterval, Duration.ofMillis(50));
        claimBatch = atLeastOne("claim-batch", claimBatch, 256);
        workers = atLeastOne("workers", workers, 4);
        deliverOnCommit = orDefault(deliverOnCommit, true);
        deliveryBacklog = atLeastOne("delivery-backlog", deliveryBacklog, 4096);
    }
}
