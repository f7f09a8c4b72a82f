package dev.chatgate.server.ops;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per callback: command, app, outcome, ms. Never a token, a Sign or a body. The request thread
 * only builds the line: logback.xml hands the {@code chatgate.requests} logger to an asynchronous appender, which
 * writes it out on a thread of its own and never blocks a request (beyond its queue, lines are dropped).
 */
@Singleton
public final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("chatgate.requests");

    // Command and app come from the query: whatever a client put there is quoted, never written raw.
    public void log(String command, String sdkAppId, Outcome outcome, long startNanos, String reason) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long micros = (System.nanoTime() - startNanos) / 1_000;
        long fraction = micros % 1000;
        StringBuilder line = new StringBuilder(96).append("callback command=").append(ClientText.shortened(command))
                .append(" app=").append(ClientText.shortened(sdkAppId)).append(" outcome=").append(outcome.tag()).append(" ms=").append(micros / 1000)
                .append(fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".").append(fraction);
        if (reason != null) {
            line.append(" reason=\"").append(ClientText.printable(reason).replace('"', '\'')).append('"');
        }
        LOG.info(line.toString());
    }
}
