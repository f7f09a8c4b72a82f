package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.journal.JournalRecords;
import dev.chatgate.server.inbox.journal.InboxJournal;
import dev.chatgate.server.inbox.store.InboxStore;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.store.StoredEvent;
import dev.chatgate.core.event.EventKeys;
import dev.chatgate.core.spec.CommandRegistry;
import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import dev.chatgate.server.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.chatgate.server.inbox.RecordingListener.deliveries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** After-callbacks through the running service and its inbox, whatever database holds it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InboxDeliveryContract implements TestPropertyProvider {

    static final String ADMIN = "admin-secret";
    private static final String COMMAND = "Group.CallbackAfterGroupInfoChanged";

    @Inject
    EmbeddedServer server;
    @Inject
    InboxStore store;
    @Inject
    InboxJournal journal;
    @Inject
    @Client("/")
    HttpClient http;

    abstract Map<String, String> database();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(database());
        properties.put("chatgate.inbox.max-attempts", "3");
        properties.put("chatgate.inbox.backoff-initial", "20ms");
        properties.put("chatgate.inbox.backoff-max", "100ms");
        properties.put("chatgate.inbox.poll-interval", "10ms");
        properties.put("chatgate.inbox.admin-token", ADMIN);
        return properties;
    }

    TencentSender sender() {
        return TencentSender.to(server.getURL() + "/").app("1400000000").token("local-dev-token").build();
    }

    static String event(String group, String name, String notification) {
        return "{\"CallbackCommand\":\"" + COMMAND + "\",\"GroupId\":\"" + group + "\",\"Name\":\"" + name
                + "\",\"Notification\":\"" + notification + "\",\"EventTime\":" + System.nanoTime() + "}";
    }

    static String idOf(String json) {
        try {
            return EventKeys.dedupeKey("1400000000", CommandRegistry.bundled().find(COMMAND).orElseThrow(),
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What an OK guarantees, checked right after it: that the event is in the journal, where there is one, or else
     * committed to the tables. A journal file is deleted only after its events are in the tables, so the journal is
     * read first.
     */
    void assertStoredWhenAnswered(String dedupeKey, long before) throws Exception {
        if (journal.journal().isPresent()) {
            List<NewEvent> journaled = new ArrayList<>();
            for (Path file : journal.journal().get().files()) {
                try {
                    JournalRecords.readInto(file, journaled);
                } catch (NoSuchFileException released) {
                    // Its events are in the tables.
                }
            }
            if (journaled.stream().anyMatch(e -> e.dedupeKey().equals(dedupeKey))) {
                return;
            }
        }
        assertThat(store.count(InboxStore.PENDING) + store.count(InboxStore.DONE)).isEqualTo(before + 1);
    }

    private long storedCount() {
        try {
            return store.count(InboxStore.PENDING) + store.count(InboxStore.DONE);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anOkMeansTheEventIsAlreadyStored() throws Exception {
        String json = event("@TGS#" + UUID.randomUUID(), "stored", "n");
        long before = store.count(InboxStore.PENDING) + store.count(InboxStore.DONE);
        SenderResult result = sender().send(COMMAND, json);
        assertThat(result.isOk()).as(result.toString()).isTrue();
        assertStoredWhenAnswered(idOf(json), before);
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(storedCount()).as("in the tables").isEqualTo(before + 1));
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(deliveries(idOf(json))).isEqualTo(1));
        String metrics = http.toBlocking().retrieve("/prometheus");
        assertThat(metrics).as("the writer's commits are timed").containsPattern("chatgate_inbox_commit_seconds_count [1-9]")
                .contains("chatgate_inbox_commit_seconds_max");
    }

    @Test
    void anEventSentTwiceAsTencentsRetryWouldIsDeliveredOnce() throws Exception {
        String json = event("@TGS#" + UUID.randomUUID(), "twice", "n");
        assertThat(sender().send(COMMAND, json).isOk()).isTrue();
        assertThat(sender().send(COMMAND, json).isOk()).as("the retry is acknowledged too").isTrue();
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(deliveries(idOf(json))).isEqualTo(1));
        Thread.sleep(300);
        assertThat(deliveries(idOf(json))).isEqualTo(1);
    }

    @Test
    void aFailingListenerIsRetriedWithBackoffUntilItSucceeds() throws Exception {
        String json = event("@TGS#" + UUID.randomUUID(), "fail-twice", "n");
        assertThat(sender().send(COMMAND, json).isOk()).isTrue();
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(deliveries(idOf(json))).isEqualTo(1));
        assertThat(RecordingListener.ATTEMPTS.get(idOf(json)).get()).isEqualTo(3);
    }

    @Test
    void anEventThatKeepsFailingIsParkedDeadListedAndCanBeReplayed() throws Exception {
        RecordingListener.BROKEN.set(true);
        try {
            String json = event("@TGS#" + UUID.randomUUID(), "fail-while-broken", "n");
            assertThat(sender().send(COMMAND, json).isOk()).isTrue();
            String id = idOf(json);
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(RecordingListener.ATTEMPTS.get(id)).hasValue(3));
            Eventually.within(Duration.ofSeconds(5), () -> assertThat(deadBody()).contains("fail-while-broken"));
            String dead = deadBody();
            assertThat(dead).contains("the listener is broken").contains("\"attempts\":3");
            long eventId = store.list(InboxStore.DEAD, 100).stream().filter(e -> e.dedupeKey().equals(id))
                    .findFirst().orElseThrow().id();
            RecordingListener.BROKEN.set(false);
            String replayed = http.toBlocking().retrieve(HttpRequest.POST("/inbox/dead/" + eventId + "/replay", "")
                    .bearerAuth(ADMIN));
            assertThat(replayed).contains(String.valueOf(eventId));
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(deliveries(id)).isEqualTo(1));
        } finally {
            RecordingListener.BROKEN.set(false);
        }
    }

    @Test
    void theCliListsDeadEventsAndReplaysThem() throws Exception {
        RecordingListener.BROKEN.set(true);
        try {
            String json = event("@TGS#" + UUID.randomUUID(), "fail-while-broken", "cli");
            assertThat(sender().send(COMMAND, json).isOk()).isTrue();
            String id = idOf(json);
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(deadKeys()).contains(id));
            long eventId = store.list(InboxStore.DEAD, 1000).stream().filter(e -> e.dedupeKey().equals(id))
                    .findFirst().orElseThrow().id();
            String base = server.getURL().toString();
            Cli listed = Cli.run("inbox", "--url", base, "--admin-token", ADMIN, "dead");
            assertThat(listed.exit()).isZero();
            assertThat(listed.out()).contains("\"id\":" + eventId).contains("the listener is broken");
            assertThat(Cli.run("inbox", "--url", base, "--admin-token", "wrong", "dead").exit()).isEqualTo(1);
            RecordingListener.BROKEN.set(false);
            Cli replayed = Cli.run("inbox", "--url", base, "--admin-token", ADMIN, "replay", "--id", String.valueOf(eventId));
            assertThat(replayed.exit()).as(replayed.out()).isZero();
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(deliveries(id)).isEqualTo(1));
        } finally {
            RecordingListener.BROKEN.set(false);
        }
    }

    private List<String> deadKeys() {
        try {
            return store.list(InboxStore.DEAD, 1000).stream().map(StoredEvent::dedupeKey).toList();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CLI's main command run in-process, with what it printed. */
    record Cli(int exit, String out) {
        static synchronized Cli run(String... args) {
            java.io.PrintStream original = System.out;
            java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                int exit = new picocli.CommandLine(new dev.chatgate.fixtures.cli.ChatgateCli()).execute(args);
                return new Cli(exit, captured.toString(java.nio.charset.StandardCharsets.UTF_8));
            } finally {
                System.setOut(original);
            }
        }
    }

    private String deadBody() {
        return http.toBlocking().retrieve(HttpRequest.GET("/inbox/dead").bearerAuth(ADMIN));
    }

    @Test
    void eventsOfOneGroupAreDeliveredInTheOrderReceived() throws Exception {
        String group = "@TGS#" + UUID.randomUUID();
        String other = "@TGS#" + UUID.randomUUID();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = i == 5 ? "fail-twice" : "ordered";
            assertThat(sender().send(COMMAND, event(group, name, "n" + i)).isOk()).isTrue();
            assertThat(sender().send(COMMAND, event(other, "ordered", "m" + i)).isOk()).isTrue();
            sent.add("n" + i);
        }
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(RecordingListener.ORDER_BY_GROUP.get(group)).hasSize(40));
        assertThat(RecordingListener.ORDER_BY_GROUP.get(group)).as("a failing event holds back the rest of its group")
                .containsExactlyElementsOf(sent);
    }

    @Test
    void concurrentEventsOfOneGroupWithFailuresAmongThemAreDeliveredInTheOrderStored() throws Exception {
        String group = "@TGS#" + UUID.randomUUID();
        int events = 240;
        AtomicInteger next = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread sender = new Thread(() -> {
                TencentSender tencent = sender();
                for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                    String name = i % 23 == 11 ? "fail-twice" : "ordered";
                    assertThat(tencent.send(COMMAND, event(group, name, "c" + i)).isOk()).isTrue();
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join(60_000);
        }
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(RecordingListener.ORDER_BY_GROUP.get(group))
                .as(() -> "delivered so far; still in the inbox: " + undelivered(group)).hasSize(events));
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(doneInIdOrder(group)).hasSize(events));
        List<String> stored = doneInIdOrder(group);
        assertThat(RecordingListener.ORDER_BY_GROUP.get(group))
                .as("delivered in the order the inbox stored them (its ids), each once, failures included")
                .containsExactlyElementsOf(stored);
    }

    /** The group's pending and dead events with their attempts and leases: what a stuck delivery left behind. */
    private String undelivered(String group) {
        try {
            List<StoredEvent> left = new ArrayList<>(store.list(InboxStore.PENDING, 100_000));
            left.addAll(store.list(InboxStore.DEAD, 100_000));
            long now = System.currentTimeMillis();
            return left.stream().filter(e -> e.body().contains(group))
                    .map(e -> String.format("%n  #%d %s attempts=%d lease=%s%s error=%s", e.id(), e.status(),
                            e.attempts(), e.leaseOwner(), e.leaseOwner() == null ? ""
                                    : " for " + (e.leaseUntil() - now) + " ms more", e.lastError()))
                    .toList().toString();
        } catch (java.sql.SQLException e) {
            return "(could not read the inbox: " + e.getMessage() + ")";
        }
    }

    /** The Notification of each processed event of a group, in the order of their ids. */
    private List<String> doneInIdOrder(String group) {
        try {
            return store.list(InboxStore.DONE, 100_000).stream().filter(e -> e.body().contains(group))
                    .map(e -> e.body().replaceAll(".*\"Notification\":\"([^\"]*)\".*", "$1")).toList();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void replayingAnEventThatIsNotDeadIsRefusedNamingIt() {
        HttpClientResponseException missing = catchThrowableOfType(() -> http.toBlocking()
                .retrieve(HttpRequest.POST("/inbox/dead/987654321/replay", "").bearerAuth(ADMIN)),
                HttpClientResponseException.class);
        assertThat(missing.getStatus().getCode()).isEqualTo(404);
        assertThat(missing.getResponse().getBody(String.class).orElse("")).contains("no dead event 987654321");
    }

    @Test
    void managementNeedsTheAdminToken() {
        HttpClientResponseException refused = catchThrowableOfType(
                () -> http.toBlocking().retrieve(HttpRequest.GET("/inbox/dead").bearerAuth("wrong")),
                HttpClientResponseException.class);
        assertThat(refused.getStatus().getCode()).isEqualTo(401);
        assertThat(refused.getResponse().getBody(String.class).orElse("")).contains("missing or wrong bearer token");
    }
}
