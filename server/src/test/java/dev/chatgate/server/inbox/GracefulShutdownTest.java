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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static dev.chatgate.server.inbox.InboxDeliveryContract.idOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded service as its own process, stopped with SIGTERM while after-callbacks arrive at 2,000/s: it exits
 * within 10 s, answers the requests under way, closes its store itself (not from H2's own shutdown hook), and once restarted delivers every event
 * it answered OK exactly once, none of them twice, for it committed what it acknowledged and what was delivered.
 */
class GracefulShutdownTest {

    private static final String COMMAND = "Group.CallbackAfterGroupInfoChanged";
    private static final int EVENTS = 8_000;
    private static final int RATE = 2_000;
    private static final int SENDERS = 32;

    private Process service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void sigtermUnderLoadExitsInTimeAndLosesNorRepeatsAnAcknowledgedEvent() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "shutdown-");
        ServiceProcess process = new ServiceProcess(dir,
                List.of("-Dchatgate.inbox.data-dir=" + dir.resolve("data").toAbsolutePath()));
        service = process.start();
        TencentSender sender = TencentSender.to(process.url()).app("1400000000").token("local-dev-token")
                .timeout(Duration.ofSeconds(2)).build();
        Set<String> answeredOk = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        // Attempts that were under way when SIGTERM came, and those of them left without an HTTP answer.
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong sigterm = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < EVENTS; i = next.getAndIncrement()) {
                    LockSupport.parkNanos(start + i * 1_000_000_000L / RATE - System.nanoTime());
                    String json = "{\"CallbackCommand\":\"" + COMMAND + "\",\"GroupId\":\"@TGS#stop" + (i % 11)
                            + "\",\"Name\":\"stop\",\"Notification\":\"n" + i + "\",\"EventTime\":"
                            + (1_700_000_000_000L + i) + "}";
                    // As Tencent with retry on: resent until answered OK, the service down meanwhile or not.
                    while (true) {
                        long sent = System.nanoTime();
                        SenderResult result = sender.send(COMMAND, json);
                        if (sent < sigterm.get() && System.nanoTime() > sigterm.get()) {
                            inFlight.incrementAndGet();
                            if (!result.answered()) {
                                unanswered.incrementAndGet();
                            }
                        }
                        if (result.isOk()) {
                            answeredOk.add(idOf(json));
                            break;
                        }
                        refused.incrementAndGet();
                        LockSupport.parkNanos(50_000_000L);
                    }
                }
            });
            senders.add(thread);
            thread.start();
        }

        while (answeredOk.size() < EVENTS / 2) {
            Thread.sleep(5);
        }
        long stopping = System.nanoTime();
        sigterm.set(stopping);
        service.destroy();
        boolean exited = service.waitFor(10, TimeUnit.SECONDS);
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        assertThat(exited).as("the service exited within 10 s of SIGTERM").isTrue();
        String firstRun = Files.readString(process.log(), StandardCharsets.UTF_8);
        service = process.start();

        for (Thread thread : senders) {
            thread.join(120_000);
        }
        assertThat(answeredOk).hasSize(EVENTS);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !new HashSet<>(lines(process.recorded())).containsAll(answeredOk)) {
            Thread.sleep(100);
        }
        List<String> deliveries = lines(process.deliveries());
        System.out.printf("graceful shutdown: %d events, stopped in %d ms, %d in flight at SIGTERM (%d unanswered),"
                + " %d refused attempts (resent), %d deliveries%n", EVENTS, stopMillis, inFlight.get(), unanswered.get(),
                refused.get(), deliveries.size());
        assertThat(unanswered.get()).as("requests under way at SIGTERM left without an answer (of %d)", inFlight.get())
                .isZero();
        assertThat(firstRun).as("the store is closed by the service, not from under it")
                .doesNotContain("already closed").doesNotContain("Could not store");
        assertThat(new HashSet<>(deliveries)).as("every event answered OK was delivered").containsAll(answeredOk);
        assertThat(deliveries).as("no event delivered twice: what was delivered before the stop was committed")
                .doesNotHaveDuplicates();
    }

    private static List<String> lines(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
