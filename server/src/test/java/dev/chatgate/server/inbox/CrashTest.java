package dev.chatgate.server.inbox;

import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.chatgate.server.inbox.InboxDeliveryContract.idOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as its own process, killed with SIGKILL at random points while a sender fires after-callbacks
 * and, like Tencent with retry on, resends each one until it is answered OK. Every event answered OK must reach
 * the recording listener, once.
 */
abstract class CrashTest {

    private static final String COMMAND = "Group.CallbackAfterGroupInfoChanged";
    private static final int EVENTS = 600;
    private static final int SENDERS = 4;
    private static final int KILLS = 5;

    private Process service;

    /** System properties that point the service process at its store. */
    abstract List<String> storeProperties(Path dir) throws Exception;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void everyEventAnsweredOkSurvivesRepeatedKillsAndIsDeliveredOnce() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "crash-");
        ServiceProcess process = new ServiceProcess(dir, storeProperties(dir));
        Path records = process.recorded();
        service = process.start();

        TencentSender sender = TencentSender.to(process.url()).app("1400000000")
                .token("local-dev-token").timeout(Duration.ofSeconds(2)).build();
        AtomicInteger oks = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Set<String> answeredOk = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger running = new AtomicInteger(SENDERS);
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Thread senderThread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < EVENTS; i = next.getAndIncrement()) {
                    String json = "{\"CallbackCommand\":\"" + COMMAND + "\",\"GroupId\":\"@TGS#crash" + (i % 7)
                            + "\",\"Name\":\"crash\",\"Notification\":\"n" + i + "\",\"EventTime\":" + (1_700_000_000_000L + i) + "}";
                    while (true) {
                        SenderResult result = sender.send(COMMAND, json);
                        if (result.isOk()) {
                            oks.incrementAndGet();
                            answeredOk.add(idOf(json));
                            break;
                        }
                        failures.incrementAndGet();
                        sleep(50);
                    }
                }
                if (running.decrementAndGet() == 0) {
                    sending.set(false);
                }
            });
            senders.add(senderThread);
            senderThread.start();
        }

        // Kills at random points of the stream of answers, not of time: a store that answers fast (from a journal)
        // would otherwise see its 600 events through between two kills.
        int[] killAt = new Random(42).ints(KILLS, EVENTS / 10, EVENTS * 9 / 10).sorted().toArray();
        int kills = 0;
        while (kills < KILLS && sending.get()) {
            if (oks.get() < killAt[kills]) {
                sleep(2);
                continue;
            }
            service.destroyForcibly().waitFor();
            kills++;
            service = process.start();
        }
        for (Thread senderThread : senders) {
            senderThread.join(120_000);
        }
        assertThat(sending.get()).as("the sender finished").isFalse();
        assertThat(kills).as("kills that landed while events were being sent").isEqualTo(KILLS);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> delivered = List.of();
        while (System.nanoTime() < deadline) {
            delivered = Files.exists(records) ? Files.readAllLines(records, StandardCharsets.UTF_8) : List.of();
            if (new HashSet<>(delivered).containsAll(answeredOk)) {
                break;
            }
            sleep(100);
        }
        System.out.printf("crash test: %d events, %d kills, %d OK answers, %d failed attempts (resent), %d delivered%n",
                EVENTS, kills, oks.get(), failures.get(), delivered.size());
        assertThat(oks.get()).isEqualTo(EVENTS);
        assertThat(new HashSet<>(delivered)).as("every event answered OK was delivered").containsAll(answeredOk);
        assertThat(delivered).as("delivered once each").doesNotHaveDuplicates().hasSize(oks.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
