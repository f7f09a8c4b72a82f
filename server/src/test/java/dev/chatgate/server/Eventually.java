package dev.chatgate.server;

import java.time.Duration;

/** Retries an assertion until it holds or the time is up, for work done off the request thread. */
public final class Eventually {

    private Eventually() {
    }

    public static void within(Duration limit, Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
