package dev.chatgate.server.ops;

import dev.chatgate.core.validation.ValidationResult;
import dev.chatgate.core.validation.Violation;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** In report mode: counts every violation, logs each command+pointer once so a noisy field cannot flood logs. */
@Singleton
public final class ViolationReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ViolationReporter.class);
    private static final int MAX_REMEMBERED = 10_000;

    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final CallbackMetrics metrics;

    public ViolationReporter(CallbackMetrics metrics) {
        this.metrics = metrics;
    }

    public void report(ValidationResult result) {
        metrics.violations(result.command(), result.violations().size());
        for (Violation violation : result.violations()) {
            String key = result.command() + " " + violation.pointer();
            if (logged.size() < MAX_REMEMBERED && logged.add(key)) {
                LOG.warn("Schema violation (accepted, reported once): command={} pointer={} message=\"{}\"",
                        result.command(), violation.pointer().isEmpty() ? "/" : violation.pointer(), violation.message());
            }
        }
    }
}
