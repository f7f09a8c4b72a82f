package dev.chatgate.server.ops;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One structured line per callback: command, app, outcome, ms. Never a token, a Sign or a body. */
@Singleton
public final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("chatgate.requests");

    public void log(String command, String sdkAppId, Outcome outcome, long startNanos, String reason) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long micros = (System.nanoTime() - startNanos) / 1_000;
        long fraction = micros % 1000;
        String ms = micros / 1000 + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
        if (reason == null) {
            LOG.info("callback command={} app={} outcome={} ms={}", command, sdkAppId, outcome.tag(), ms);
        } else {
            LOG.info("callback command={} app={} outcome={} ms={} reason=\"{}\"", command, sdkAppId, outcome.tag(), ms,
                    reason.replace('"', '\''));
        }
    }
}
