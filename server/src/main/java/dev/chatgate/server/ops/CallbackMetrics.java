package dev.chatgate.server.ops;

import dev.chatgate.core.spec.CommandRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-command counters and latency, exported on /prometheus. */
@Singleton
public final class CallbackMetrics {

    private final MeterRegistry registry;
    private final CommandRegistry commands;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, Counter> stored = new ConcurrentHashMap<>();
    private final Map<String, Counter> delivered = new ConcurrentHashMap<>();
    private final Timer commits;

    public CallbackMetrics(MeterRegistry registry, CommandRegistry commands) {
        this.registry = registry;
        this.commands = commands;
        this.commits = Timer.builder("chatgate.inbox.commit").description("Inbox writer transactions (group commits)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(3)).register(registry);
    }

    /** One callback answered (or refused) with this outcome, started at {@code startNanos}. */
    public void record(String command, Outcome outcome, long startNanos) {
        String tag = tag(command, outcome);
        // Meters are looked up once per command and outcome: building one per request costs more than the rest.
        received.computeIfAbsent(tag + "\n" + outcome.tag(), k -> Counter.builder("chatgate.callbacks.received")
                .description("Callbacks received, by command and outcome")
                .tag("command", tag).tag("outcome", outcome.tag()).register(registry)).increment();
        latency.computeIfAbsent(tag, k -> Timer.builder("chatgate.callbacks.latency")
                .description("Time from receipt to answer").tag("command", tag).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(3))
                .register(registry)).record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * A command outside the spec is a tag of its own only once answered as an unknown command; refused, it is
     * {@code unrecognized}: every distinct value a client sends would otherwise be a meter kept for good.
     */
    private String tag(String command, Outcome outcome) {
        if (command == null || command.isBlank()) {
            return "none";
        }
        return commands.isKnown(command) ? command
                : outcome == Outcome.UNKNOWN_COMMAND ? ClientText.shortened(command) : "unrecognized";
    }

    public void violations(String command, int count) {
        Counter.builder("chatgate.validation.violations").description("Schema violations seen, by command")
                .tag("command", command).register(registry).increment(count);
    }

    public void deadlineFallback(String command) {
        Counter.builder("chatgate.deadline.fallbacks").description("Before-callbacks answered with the timeout decision")
                .tag("command", command).register(registry).increment();
    }

    public void inboxStored(String command, boolean isNew) {
        stored.computeIfAbsent(command + "\n" + isNew, k -> Counter.builder("chatgate.inbox.stored")
                .description("After-callbacks put into the inbox tables; duplicate=true for a retry already there")
                .tag("command", command).tag("duplicate", String.valueOf(!isNew)).register(registry)).increment();
    }

    public void inboxDelivered(String command) {
        delivered.computeIfAbsent(command, k -> Counter.builder("chatgate.inbox.delivered")
                .description("Stored events delivered to their listeners").tag("command", command)
                .register(registry)).increment();
    }

    /** One writer transaction, however many events it stored and marked done. */
    public void inboxCommit(long nanos) {
        commits.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A writer transaction that failed: its events are answered with a failure, or tried again if journaled. */
    public void inboxCommitFailed() {
        Counter.builder("chatgate.inbox.commit.failures").description("Inbox writer transactions that failed")
                .register(registry).increment();
    }

    public void inboxDead(String command) {
        Counter.builder("chatgate.inbox.dead").description("Stored events parked as dead after their last attempt")
                .tag("command", command).register(registry).increment();
    }

    public void listenerFailure(String command) {
        Counter.builder("chatgate.listener.failures").description("After-callback listener invocations that threw")
                .tag("command", command).register(registry).increment();
    }
}
