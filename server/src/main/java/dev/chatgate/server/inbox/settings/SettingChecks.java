package dev.chatgate.server.inbox.settings;

import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;

/**
 * The checks the inbox's settings make as they are bound: a value with which the inbox would accept events and
 * never deliver them, or never store them, stops the start-up with the key and the value.
 */
final class SettingChecks {

    private static final String PREFIX = "chatgate.inbox.";

    private SettingChecks() {
    }

    static int atLeastOne(String key, Integer value, int byDefault) {
        int chosen = value == null ? byDefault : value;
        if (chosen < 1) {
            throw new ConfigurationException(PREFIX + key + " must be at least 1, not " + chosen);
        }
        return chosen;
    }

    static Duration positive(String key, Duration value, Duration byDefault) {
        Duration chosen = value == null ? byDefault : value;
        if (chosen.isZero() || chosen.isNegative()) {
            throw new ConfigurationException(PREFIX + key + " must be above 0, not " + chosen);
        }
        return chosen;
    }

    static Duration notNegative(String key, Duration value) {
        if (value != null && value.isNegative()) {
            throw new ConfigurationException(PREFIX + key + " must be 0 or more, not " + value);
        }
        return value;
    }

    static <T> T orDefault(T value, T byDefault) {
        return value == null ? byDefault : value;
    }
}
