package dev.chatgate.server.ops;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One structured line per callback: command, app, outcome, ms. Never a token, a Sign or a body.
 *
 * <p>The request thread only queues the line; a thread of its own writes the queue out every few milliseconds.
 * Handing each line to a logging thread as it came would wake that thread once per callback, which costs more
 * CPU than the rest of the line.
 */
@Singleton
public final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("chatgate.requests");
    private static final long FLUSH_NANOS = 20_000_000L;
    /** Beyond this many unwritten lines (a console that stopped reading) new lines are dropped and counted. */
    private static final int MAX_QUEUED = 100_000;

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public RequestLog() {
        writer = new Thread(this::run, "chatgate-request-log");
        writer.setDaemon(true);
        writer.start();
    }

    public void log(String command, String sdkAppId, Outcome outcome, long startNanos, String reason) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long micros = (System.nanoTime() - startNanos) / 1_000;
        long fraction = micros % 1000;
        StringBuilder line = new StringBuilder(96).append("callback command=").append(command).append(" app=")
                .append(sdkAppId).append(" outcome=").append(outcome.tag()).append(" ms=").append(micros / 1000)
                .append(fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".").append(fraction);
        if (reason != null) {
            line.append(" reason=\"").append(reason.replace('"', '\'')).append('"');
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        lines.add(line.toString());
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(FLUSH_NANOS);
            flush();
        }
        flush();
    }

    private void flush() {
        String line;
        while ((line = lines.poll()) != null) {
            queued.decrementAndGet();
            LOG.info(line);
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn("{} request log line(s) dropped: the log output did not keep up", lost);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(writer);
        writer.join(1_000);
    }
}
