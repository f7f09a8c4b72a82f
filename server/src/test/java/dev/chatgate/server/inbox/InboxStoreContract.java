package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.store.InboxDatabase;
import dev.chatgate.server.inbox.store.InboxStore;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.store.StoredEvent;
import dev.chatgate.server.inbox.store.WriteResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.chatgate.server.inbox.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same behaviour, whatever database holds the inbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InboxStoreContract {

    private static final long NOW = 1_700_000_000_000L;
    private static final long LEASE = 30_000;

    private InboxDatabase database;
    InboxStore store;

    abstract String jdbcUrl();

    @BeforeAll
    void open() {
        TestInbox config = new TestInbox();
        config.url(jdbcUrl());
        config.poolSize(12);
        database = config.database();
        store = config.store(database);
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.createStatement().executeUpdate("DELETE FROM inbox_pending");
            connection.createStatement().executeUpdate("DELETE FROM inbox_dead");
            connection.createStatement().executeUpdate("DELETE FROM inbox_event");
            connection.commit();
        }
    }

    private static NewEvent event(String label, String orderKey) {
        return event(label, orderKey, NOW);
    }

    /** An event whose dedupe key is {@code key(label)}; its body names the label, so a test can tell it apart. */
    private static NewEvent event(String label, String orderKey, long receivedAt) {
        return new NewEvent("1400000000", "Group.CallbackAfterGroupFull", key(label), orderKey,
                "SdkAppid=1400000000&CallbackCommand=Group.CallbackAfterGroupFull", "{\"GroupId\":\"" + label + "\"}",
                receivedAt);
    }

    private static String label(StoredEvent event) {
        return event.body().substring("{\"GroupId\":\"".length(), event.body().length() - 2);
    }

    @Test
    void aRetriedEventIsStoredOnceAndDistinctEventsAreNeverMerged() throws Exception {
        boolean[] first = store.insert(List.of(event("a", "k1"), event("b", "k2")), NOW);
        boolean[] retry = store.insert(List.of(event("a", "k1"), event("c", "k3")), NOW);
        assertThat(first).containsExactly(true, true);
        assertThat(retry).containsExactly(false, true);
        assertThat(store.count(InboxStore.PENDING)).isEqualTo(3);
    }

    @Test
    void aBatchWithAResendInsideItAndOneOfAnEarlierBatchStoresEachEventOnceAndSaysWhichWereNew() throws Exception {
        store.insert(List.of(event("earlier", "k0")), NOW);
        WriteResult written = store.write(List.of(event("a", "k1"), event("earlier", "k0"), event("a", "k1"),
                event("b", "k2")), List.of(), "node-a", true, NOW, NOW + LEASE);

        assertThat(written.ids()[0]).isPositive();
        assertThat(written.ids()[1]).as("stored by an earlier batch").isZero();
        assertThat(written.ids()[2]).as("the resend inside the batch").isZero();
        assertThat(written.ids()[3]).isGreaterThan(written.ids()[0]);
        assertThat(written.leased()).containsExactly(true, false, false, true);
        assertThat(store.count(InboxStore.PENDING)).isEqualTo(3);
    }

    @Test
    void aClaimedEventIsLeasedToOneNodeUntilTheLeaseRunsOut() throws Exception {
        store.insert(List.of(event("a", "k1")), NOW);
        List<StoredEvent> byA = store.claim("node-a", NOW, NOW + LEASE, 10);
        assertThat(byA).singleElement().satisfies(e -> {
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.body()).isEqualTo("{\"GroupId\":\"a\"}");
        });
        assertThat(store.claim("node-b", NOW + 1, NOW + 1 + LEASE, 10)).as("still leased to node-a").isEmpty();
        List<StoredEvent> afterDeath = store.claim("node-b", NOW + LEASE + 1, NOW + 2 * LEASE, 10);
        assertThat(afterDeath).as("node-a died; the lease ran out").singleElement()
                .satisfies(e -> assertThat(e.attempts()).isEqualTo(2));
        assertThat(store.markDone(byA.get(0).id(), "node-a")).as("node-a no longer owns it").isFalse();
        assertThat(store.markDone(afterDeath.get(0).id(), "node-b")).isTrue();
        assertThat(store.count(InboxStore.DONE)).isEqualTo(1);
    }

    @Test
    void onlyTheOldestPendingEventOfAnOrderKeyCanBeClaimed() throws Exception {
        store.insert(List.of(event("a1", "group-a"), event("a2", "group-a"), event("b1", "group-b")), NOW);
        List<StoredEvent> first = store.claim("n", NOW, NOW + LEASE, 10);
        assertThat(first).extracting(InboxStoreContract::label).containsExactly("a1", "b1");
        assertThat(store.claim("n", NOW, NOW + LEASE, 10)).as("a2 waits for a1").isEmpty();
        store.markDone(first.get(0).id(), "n");
        assertThat(store.claim("n", NOW, NOW + LEASE, 10)).extracting(InboxStoreContract::label).containsExactly("a2");
    }

    @Test
    void aRunOfOneKeyIsClaimedTogetherInOrderUpToTheRunLength() throws Exception {
        store.insert(List.of(event("a1", "group-a"), event("a2", "group-a"), event("b1", "group-b"),
                event("a3", "group-a"), event("a4", "group-a")), NOW);
        List<StoredEvent> claimed = store.claim("n", NOW, NOW + LEASE, 10, 3);
        assertThat(claimed).extracting(InboxStoreContract::label).containsExactly("a1", "a2", "b1", "a3");
        assertThat(store.claim("n", NOW, NOW + LEASE, 10, 3)).as("a4 waits behind the leased run").isEmpty();
    }

    @Test
    void releasedEventsAreClaimableAgainWithoutAnAttemptCounted() throws Exception {
        store.insert(List.of(event("a1", "k"), event("a2", "k")), NOW);
        List<StoredEvent> run = store.claim("n", NOW, NOW + LEASE, 10, 5);
        store.markFailed(run.get(0).id(), "n", "boom", NOW + 1_000, false, NOW);
        store.release(List.of(run.get(1).id()), "n");
        assertThat(store.claim("n", NOW, NOW + LEASE, 10, 5)).as("a2 stays behind a1's retry").isEmpty();
        List<StoredEvent> retried = store.claim("n", NOW + 1_000, NOW + LEASE, 10, 5);
        assertThat(retried).extracting(InboxStoreContract::label).containsExactly("a1", "a2");
        assertThat(retried).extracting(StoredEvent::attempts).containsExactly(2, 1);
    }

    @Test
    void aFailedEventWaitsForItsRetryTimeAndHoldsItsKey() throws Exception {
        store.insert(List.of(event("a1", "k"), event("a2", "k")), NOW);
        StoredEvent claimed = store.claim("n", NOW, NOW + LEASE, 10).get(0);
        assertThat(store.markFailed(claimed.id(), "n", "boom", NOW + 5_000, false, NOW)).isTrue();
        assertThat(store.claim("n", NOW + 4_999, NOW + LEASE, 10)).as("not due, and a2 must wait behind it").isEmpty();
        assertThat(store.claim("n", NOW + 5_000, NOW + LEASE, 10)).extracting(InboxStoreContract::label).containsExactly("a1");
    }

    @Test
    void aDeadEventIsListedWithItsErrorReleasesItsKeyAndCanBeReplayed() throws Exception {
        store.insert(List.of(event("a1", "k"), event("a2", "k")), NOW);
        StoredEvent claimed = store.claim("n", NOW, NOW + LEASE, 10).get(0);
        store.markFailed(claimed.id(), "n", "IllegalStateException: listener broke", NOW, true, NOW);
        assertThat(store.list(InboxStore.DEAD, 10)).singleElement().satisfies(e -> {
            assertThat(e.lastError()).isEqualTo("IllegalStateException: listener broke");
            assertThat(e.status()).isEqualTo("DEAD");
        });
        assertThat(store.claim("n", NOW, NOW + LEASE, 10)).as("a dead event does not block its key")
                .extracting(InboxStoreContract::label).containsExactly("a2");
        assertThat(store.replay(claimed.id(), NOW)).isTrue();
        assertThat(store.replay(claimed.id(), NOW)).as("only dead events replay").isFalse();
        assertThat(store.count(InboxStore.DEAD)).isZero();
    }

    @Test
    void purgeRemovesOnlyDeliveredEventsReceivedBeforeTheCutOff() throws Exception {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            events.add(event("old" + i, "old" + i, NOW - 10_000));
        }
        events.add(event("oldPending", "k1", NOW - 10_000));
        events.add(event("oldDead", "k2", NOW - 10_000));
        events.add(event("new", "k3", NOW));
        store.insert(events, NOW);
        List<StoredEvent> claimed = store.claim("n", NOW, NOW + LEASE, 10_000);
        for (StoredEvent e : claimed) {
            switch (label(e)) {
                case "oldPending" -> { }
                case "oldDead" -> store.markFailed(e.id(), "n", "broken", NOW, true, NOW);
                default -> store.markDone(e.id(), "n");
            }
        }
        assertThat(store.purgeDone(NOW - 5_000)).as("2,500 delivered old events, across purge windows").isEqualTo(2_500);
        assertThat(store.count(InboxStore.DONE)).as("the new one").isEqualTo(1);
        assertThat(store.count(InboxStore.PENDING)).isEqualTo(1);
        assertThat(store.list(InboxStore.DEAD, 10)).extracting(InboxStoreContract::label).containsExactly("oldDead");
        assertThat(store.purgeDone(NOW - 5_000)).as("nothing left to purge").isZero();
        assertThat(store.purgeDone(NOW + 1)).isEqualTo(1);
    }

    @Test
    void listingByStatusShowsWhereEachEventIs() throws Exception {
        store.insert(List.of(event("a", "k1"), event("b", "k2"), event("c", "k3")), NOW);
        List<StoredEvent> claimed = store.claim("n", NOW, NOW + LEASE, 2);
        store.markDone(claimed.get(0).id(), "n");
        store.markFailed(claimed.get(1).id(), "n", "broken", NOW, true, NOW);
        assertThat(store.list(InboxStore.DONE, 10)).singleElement().satisfies(e -> {
            assertThat(label(e)).isEqualTo("a");
            assertThat(e.dedupeKey()).as("the key as it was given").isEqualTo(key("a"));
            assertThat(e.status()).isEqualTo("DONE");
            assertThat(e.body()).isEqualTo("{\"GroupId\":\"a\"}");
        });
        assertThat(store.list(InboxStore.DEAD, 10)).singleElement().satisfies(e -> {
            assertThat(label(e)).isEqualTo("b");
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.lastError()).isEqualTo("broken");
        });
        assertThat(store.list(InboxStore.PENDING, 10)).singleElement().satisfies(e -> {
            assertThat(label(e)).isEqualTo("c");
            assertThat(e.attempts()).isZero();
            assertThat(e.leaseOwner()).isNull();
        });
        assertThat(List.of(store.count(InboxStore.DONE), store.count(InboxStore.DEAD), store.count(InboxStore.PENDING)))
                .containsExactly(1L, 1L, 1L);
        assertThatThrownBy(() -> store.count("LOST")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such status: LOST");
        assertThatThrownBy(() -> store.list("LOST", 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such status: LOST");
    }

    @Test
    void concurrentClaimersNeverGetTheSameEvent() throws Exception {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            events.add(event("e" + i, "key" + (i % 50)));
        }
        store.insert(events, NOW);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int n = 0; n < 4; n++) {
            String owner = "node-" + n;
            nodes.execute(() -> {
                try {
                    int idle = 0;
                    while (idle < 20) {
                        List<StoredEvent> claimed = store.claim(owner, NOW, NOW + LEASE, 16);
                        idle = claimed.isEmpty() ? idle + 1 : 0;
                        for (StoredEvent e : claimed) {
                            if (!seen.add(e.id())) {
                                duplicates.incrementAndGet();
                            }
                            store.markDone(e.id(), owner);
                        }
                        Thread.sleep(claimed.isEmpty() ? 5 : 0);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        nodes.shutdown();
        assertThat(duplicates.get()).as("events claimed twice").isZero();
        assertThat(seen).hasSize(600);
        assertThat(store.count(InboxStore.DONE)).isEqualTo(600);
        assertThat(new HashSet<>(seen)).hasSize(600);
    }

    @Test
    void aWriteDoesNotLeaseBehindTheWritersOwnLeaseThatRanOut() throws Exception {
        WriteResult first = store.write(List.of(event("a1", "k")), List.of(), "node-a", true, NOW,
                NOW + LEASE);
        WriteResult meanwhile = store.write(List.of(event("a2", "k")), List.of(), "node-a", true,
                NOW + LEASE - 1, NOW + 2 * LEASE);
        WriteResult after = store.write(List.of(event("a3", "k")), List.of(), "node-a", true,
                NOW + LEASE + 1, NOW + 2 * LEASE);

        assertThat(first.leased()).containsExactly(true);
        assertThat(meanwhile.leased()).as("a1 is still held by node-a").containsExactly(true);
        assertThat(after.leased()).as("a1's lease ran out (its failure went unrecorded): a claimer takes it first")
                .containsExactly(false);
        assertThat(store.claim("node-a", NOW + 2 * LEASE + 1, NOW + 3 * LEASE, 10, 5))
                .extracting(InboxStoreContract::label).containsExactly("a1", "a2", "a3");
    }

    @Test
    void aWriteLeasesNewEventsToTheWriterUnlessTheirKeyHasAPendingEventItDoesNotHold() throws Exception {
        store.insert(List.of(event("waiting", "busy")), NOW);
        store.insert(List.of(event("other-node", "theirs")), NOW);
        store.claim("node-b", NOW, NOW + LEASE, 10);
        WriteResult written = store.write(List.of(event("x1", "free"), event("x2", "free"),
                event("y", "busy"), event("z", "theirs"), event("waiting", "busy")), List.of(), "node-a", true, NOW,
                NOW + LEASE);

        assertThat(written.leased()).as("free key leased; 'busy' has an unleased older event; 'theirs' is leased"
                + " to node-b; the retried event is not new").containsExactly(true, true, false, false, false);
        assertThat(written.ids()[4]).as("a retry gets no id of its own").isZero();
        assertThat(written.ids()[0]).isPositive().isLessThan(written.ids()[1]);
        assertThat(store.claim("node-c", NOW, NOW + LEASE, 10)).as("leased at once, not claimable; y and z wait"
                + " behind older events").isEmpty();
        assertThat(store.markDone(List.of(written.ids()[0], written.ids()[1]), "node-a"))
                .as("node-a owns what it leased while writing").isEqualTo(2);
    }

    @Test
    void aWriteWithoutLeasingLeavesEveryEventToTheClaimers() throws Exception {
        WriteResult written = store.write(List.of(event("a", "k1"), event("b", "k2")), List.of(), "node-a",
                false, NOW, NOW + LEASE);
        assertThat(written.leased()).containsExactly(false, false);
        assertThat(store.claim("node-b", NOW, NOW + LEASE, 10)).extracting(StoredEvent::id)
                .containsExactly(written.ids()[0], written.ids()[1]);
    }

    @Test
    void aWriteMarksTheDeliveredEventsDoneInTheSameTransaction() throws Exception {
        WriteResult first = store.write(List.of(event("a", "k1")), List.of(), "node-a", true, NOW,
                NOW + LEASE);
        WriteResult second = store.write(List.of(event("b", "k1")), List.of(first.ids()[0]), "node-a",
                true, NOW, NOW + LEASE);
        assertThat(store.count(InboxStore.DONE)).isEqualTo(1);
        assertThat(second.leased()).as("k1's only pending event is held by node-a itself").containsExactly(true);
        assertThat(store.write(List.of(), List.of(second.ids()[0]), "node-b", true, NOW, NOW + LEASE).ids())
                .isEmpty();
        assertThat(store.count(InboxStore.DONE)).as("node-b cannot mark done what node-a holds").isEqualTo(1);
    }

    @Test
    void anEventMarkedDoneInTheSameWriteNoLongerHoldsItsKeyEvenWithItsLeaseRunOut() throws Exception {
        long a1 = store.write(List.of(event("a1", "k")), List.of(), "node-a", true, NOW, NOW + LEASE).ids()[0];
        WriteResult a2 = store.write(List.of(event("a2", "k")), List.of(a1), "node-a", true,
                NOW + LEASE + 1, NOW + 2 * LEASE);
        assertThat(a2.leased()).as("a1 leaves the pending events in this very write: k is free").containsExactly(true);
        assertThat(store.count(InboxStore.DONE)).isEqualTo(1);
    }

    @Test
    void leasesLeftByAPreviousRunAreGivenBackAtStart() throws Exception {
        store.write(List.of(event("a", "k1")), List.of(), "node-a", true, NOW, NOW + LEASE);
        store.write(List.of(event("b", "k2")), List.of(), "node-b", true, NOW, NOW + LEASE);
        assertThat(store.releaseLeasesAtStart("node-a")).isEqualTo(1);
        assertThat(store.claim("n", NOW, NOW + LEASE, 10)).extracting(InboxStoreContract::label).containsExactly("a");
        assertThat(store.releaseLeasesAtStart(null)).as("every node's, for the embedded store").isEqualTo(2);
    }

    @Test
    void aClaimedRunStopsBeforeAnEventAWriterStillHolds() throws Exception {
        long a1 = store.write(List.of(event("a1", "k")), List.of(), "node-a", true, NOW, NOW + LEASE).ids()[0];
        WriteResult a2 = store.write(List.of(event("a2", "k")), List.of(), "node-a", true, NOW, NOW + LEASE);
        assertThat(a2.leased()).as("k's only pending event is node-a's own").containsExactly(true);
        store.markFailed(a1, "node-a", "boom", NOW, false, NOW);
        store.insert(List.of(event("a3", "k")), NOW);
        assertThat(store.claim("node-b", NOW, NOW + LEASE, 10, 10)).as("a3 must not overtake a2, still leased")
                .extracting(InboxStoreContract::label).containsExactly("a1");
    }

    @Test
    void bodiesAndQueriesComeBackExactlyAsStoredWhateverTheirCharacters() throws Exception {
        String body = "{\"Text\":\"你好 👋 café \\\"quoted\\\"\",\"EventTime\":1}";
        String query = "SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg&ClientIP=%E4%BD%A0";
        // Array-literal syntax too: PostgreSQL receives a batch as one array per column.
        String arrayish = "{\"a\":[1,2],\"b\":\"}{,\\\\\"}";
        store.write(List.of(new NewEvent("1400000000", "C2C.CallbackAfterSendMsg", key("u"), "k", query, body, NOW),
                new NewEvent("1400000000", "C2C.CallbackAfterSendMsg", key("v"), "k2", "", "NULL", NOW),
                new NewEvent("1400000000", "C2C.CallbackAfterSendMsg", key("w"), "k3", "a=b", arrayish, NOW)),
                List.of(), "n", true, NOW, NOW + LEASE);
        assertThat(store.list(InboxStore.PENDING, 10)).satisfiesExactly(e -> {
            assertThat(e.body()).isEqualTo(body);
            assertThat(e.query()).isEqualTo(query);
        }, e -> {
            assertThat(e.body()).as("the text NULL, not a null").isEqualTo("NULL");
            assertThat(e.query()).isEmpty();
        }, e -> assertThat(e.body()).isEqualTo(arrayish));
    }
}
