package dev.chatgate.server.inbox;

import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import dev.chatgate.server.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.chatgate.server.inbox.RecordingListener.deliveries;
import static dev.chatgate.server.inbox.InboxDeliveryContract.event;
import static dev.chatgate.server.inbox.InboxDeliveryContract.idOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Two service nodes on one PostgreSQL, and PostgreSQL going away under them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresNodesTest {

    private static final String COMMAND = "Group.CallbackAfterGroupInfoChanged";

    private final List<EmbeddedServer> nodes = new ArrayList<>();

    @BeforeAll
    void startTwoNodes() {
        for (String node : List.of("node-a", "node-b")) {
            nodes.add(startNode(node, Map.of()));
        }
    }

    private static EmbeddedServer startNode(String node, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "chatgate.inbox.url", LocalPostgres.url(),
                "chatgate.inbox.node-id", node,
                "chatgate.inbox.poll-interval", "10ms",
                "chatgate.inbox.connect-timeout", "500ms"));
        properties.putAll(more);
        return ApplicationContext.run(EmbeddedServer.class, properties, RecordingListener.ENV);
    }

    @AfterAll
    void stopNodes() {
        nodes.forEach(EmbeddedServer::stop);
    }

    private TencentSender sender(int node) {
        return sender(nodes.get(node));
    }

    private static TencentSender sender(EmbeddedServer node) {
        return TencentSender.to(node.getURL() + "/").app("1400000000").token("local-dev-token").build();
    }

    @Test
    void underLoadEveryEventIsDeliveredOnceByExactlyOneOfTheNodes() throws Exception {
        assertEveryEventDeliveredOnceByOneOfTheNodes(nodes, "node-a", "node-b");
    }

    @Test
    void underLoadEveryEventIsDeliveredOnceByExactlyOneOfTheNodesWhenEachAnswersFromItsOwnJournal() throws Exception {
        // A database of their own: node-a and node-b would otherwise claim some of these events too.
        String database = LocalPostgres.newDatabase("journal_nodes");
        List<EmbeddedServer> journaling = new ArrayList<>();
        try {
            for (String node : List.of("journal-a", "journal-b")) {
                journaling.add(startNode(node, Map.of("chatgate.inbox.url", database, "chatgate.inbox.journal", "true",
                        "chatgate.inbox.data-dir", "target/test-inbox/" + node + "-" + System.nanoTime())));
            }
            assertEveryEventDeliveredOnceByOneOfTheNodes(journaling, "journal-a", "journal-b");
        } finally {
            journaling.forEach(EmbeddedServer::stop);
        }
    }

    private static void assertEveryEventDeliveredOnceByOneOfTheNodes(List<EmbeddedServer> nodes, String... names)
            throws Exception {
        int events = 1200;
        List<String> ids = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<SenderResult>> answers = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String json = event("@TGS#load-" + (i % 40) + "-" + UUID.randomUUID().toString().substring(0, 4), "load", "n" + i);
            ids.add(idOf(json));
            TencentSender sender = sender(nodes.get(i % 2));
            answers.add(senders.submit(() -> sender.send(COMMAND, json)));
        }
        for (Future<SenderResult> answer : answers) {
            assertThat(answer.get().isOk()).as(answer.get().toString()).isTrue();
        }
        senders.shutdown();
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(ids).allSatisfy(id -> assertThat(deliveries(id)).isPositive()));
        Thread.sleep(500);
        List<String> twice = ids.stream().filter(id -> deliveries(id) != 1).toList();
        assertThat(twice).as("events delivered more than once").isEmpty();
        Set<String> deliveringNodes = ConcurrentHashMap.newKeySet();
        ids.forEach(id -> deliveringNodes.add(RecordingListener.NODE_BY_EVENT.get(id)));
        assertThat(deliveringNodes).as("both nodes took a share of the work").containsExactlyInAnyOrder(names);
    }

    @Test
    void aStoreSlowerThanTheStoreTimeoutIsAnsweredAsNotConfirmedInTime() throws Exception {
        // The pool waits up to 1 s for a connection to the stopped server; the answer may not wait that long.
        EmbeddedServer impatient = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "chatgate.inbox.url", LocalPostgres.url(),
                "chatgate.inbox.connect-timeout", "1s",
                "chatgate.inbox.store-timeout", "100ms"), RecordingListener.ENV);
        LocalPostgres postgres = LocalPostgres.server();
        postgres.stopServer();
        try {
            TencentSender sender = TencentSender.to(impatient.getURL() + "/").app("1400000000")
                    .token("local-dev-token").build();
            // Pooled connections to the stopped server fail at once; once they are gone, each write waits for a
            // new connection, longer than the store timeout.
            SenderResult result = null;
            for (int attempt = 0; attempt < 10; attempt++) {
                result = sender.send(COMMAND, event("@TGS#slow-store", "slow", "n" + attempt));
                assertThat(result.status()).as(result.toString()).isEqualTo(503);
                if (result.errorInfo().endsWith("did not confirm in time")) {
                    break;
                }
            }
            assertThat(result.errorInfo()).isEqualTo("event not stored, try again: the store did not confirm in time");
            assertThat(result.elapsed()).isLessThan(Duration.ofMillis(900));
        } finally {
            postgres.startServer();
            impatient.stop();
        }
    }

    @Test
    void withTheStoreDownAnswersAreQuickFailuresAndNothingIsLostAfterRecovery() throws Exception {
        LocalPostgres postgres = LocalPostgres.server();
        String beforeOutage = event("@TGS#outage", "outage", "before");
        assertThat(sender(0).send(COMMAND, beforeOutage).isOk()).isTrue();
        postgres.stopServer();
        AtomicInteger oks = new AtomicInteger();
        try {
            for (int i = 0; i < 5; i++) {
                SenderResult during = sender(i % 2).send(COMMAND, event("@TGS#outage", "outage", "during-" + i));
                assertThat(during.status()).as(during.toString()).isEqualTo(503);
                assertThat(during.json().path("ActionStatus").asText()).isEqualTo("FAIL");
                assertThat(during.errorInfo()).startsWith("event not stored, try again");
                assertThat(during.elapsed()).as("answered before Tencent gives up").isLessThan(Duration.ofMillis(1900));
                if (during.isOk()) {
                    oks.incrementAndGet();
                }
            }
        } finally {
            postgres.startServer();
        }
        assertThat(oks.get()).as("no OK while nothing could be stored").isZero();
        String afterOutage = event("@TGS#outage", "outage", "after");
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(sender(1).send(COMMAND, afterOutage).isOk()).isTrue());
        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(deliveries(idOf(beforeOutage))).isEqualTo(1);
            assertThat(deliveries(idOf(afterOutage))).isEqualTo(1);
        });
    }
}
