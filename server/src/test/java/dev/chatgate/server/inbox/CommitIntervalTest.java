package dev.chatgate.server.inbox;

import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the journal answers, the writer commits less often: the interval no longer adds to any answer, and each
 * commit has a fixed cost. Where an answer waits for its commit, the interval stays short.
 */
class CommitIntervalTest {

    private static final String COMMAND = "Group.CallbackAfterGroupInfoChanged";
    private static final int EVENTS = 40;

    @Test
    void unsetItIsLongWhereTheJournalAnswersAndShortWhereAnAnswerWaitsForItsCommit() {
        TestInbox journaled = new TestInbox();
        TestInbox off = new TestInbox();
        off.journal(false);
        TestInbox postgres = new TestInbox();
        postgres.url("jdbc:postgresql://db:5432/chatgate");
        TestInbox postgresJournaled = new TestInbox();
        postgresJournaled.url("jdbc:postgresql://db:5432/chatgate");
        postgresJournaled.journal(true);
        TestInbox synced = new TestInbox();
        synced.syncCommits(true);

        assertThat(journaled.commitIntervalInForce()).as("embedded, journal on by default").isEqualTo(Duration.ofMillis(50));
        assertThat(postgresJournaled.commitIntervalInForce()).as("PostgreSQL with the journal").isEqualTo(Duration.ofMillis(50));
        assertThat(off.commitIntervalInForce()).as("journal: false").isEqualTo(Duration.ofMillis(4));
        assertThat(postgres.commitIntervalInForce()).as("PostgreSQL, journal unset").isEqualTo(Duration.ofMillis(4));
        assertThat(synced.commitIntervalInForce()).as("sync-commits").isEqualTo(Duration.ofMillis(4));
    }

    @Test
    void aValueSetWinsEitherWay() {
        TestInbox config = new TestInbox();
        config.commitInterval(Duration.ofMillis(7));

        assertThat(config.commitIntervalInForce()).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void withTheJournalEventsArrivingEveryFewMillisecondsShareCommits() throws Exception {
        Sent sent = sendSpacedOut(Map.of());

        // One commit at the first event (after a quiet spell), then at most one per 50 ms.
        assertThat(sent.commits()).as("commits for %d events over %d ms", EVENTS, sent.millis())
                .isBetween(1L, 2 + sent.millis() / 50);
    }

    @Test
    void withAShortIntervalSetTheSameEventsAreCommittedAlmostOneByOne() throws Exception {
        Sent sent = sendSpacedOut(Map.of("chatgate.inbox.commit-interval", "4ms"));

        assertThat(sent.commits()).as("commits for %d events over %d ms", EVENTS, sent.millis())
                .isGreaterThanOrEqualTo(EVENTS / 2);
    }

    private record Sent(long commits, long millis) {
    }

    /** Sends {@link #EVENTS} events 5 ms apart; nothing is delivered meanwhile, so every commit holds new events. */
    private static Sent sendSpacedOut(Map<String, Object> extra) throws Exception {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "chatgate.inbox.data-dir", "target/test-inbox/interval-" + System.nanoTime(),
                "chatgate.inbox.deliver-on-commit", false,
                "chatgate.inbox.poll-interval", "1h"));
        properties.putAll(extra);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            Timer commits = server.getApplicationContext().getBean(MeterRegistry.class).timer("chatgate.inbox.commit");
            TencentSender sender = TencentSender.to(server.getURL() + "/").app("1400000000").token("local-dev-token").build();
            String group = "@TGS#" + UUID.randomUUID();
            long before = commits.count();
            long started = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                SenderResult result = sender.send(COMMAND, InboxDeliveryContract.event(group, "e" + i, "n"));
                assertThat(result.isOk()).as("event %d: %s", i, result).isTrue();
                Thread.sleep(5);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            // The last events' commit: at most one interval after the last answer.
            Thread.sleep(300);
            return new Sent(commits.count() - before, millis);
        }
    }
}
