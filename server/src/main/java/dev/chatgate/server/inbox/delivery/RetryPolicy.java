package dev.chatgate.server.inbox.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, capped; after {@code maxAttempts} failures an event is dead. */
record RetryPolicy(int maxAttempts, Duration initial, Duration max) {

    boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /** Delay before the next attempt after {@code attempts} failed ones: uniform in [base/2, base]. */
    long delayMillis(int attempts) {
        long base = initial.toMillis() << Math.min(30, Math.max(0, attempts - 1));
        long capped = Math.min(max.toMillis(), base);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }
}
