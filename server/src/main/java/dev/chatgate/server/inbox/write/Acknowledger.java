package dev.chatgate.server.inbox.write;

import dev.chatgate.server.dispatch.NamedThreads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Completes the requests' futures on a thread of its own: what waits on them (the metrics, the HTTP answer) would
 * otherwise run on the writer, and delay the next commit, which every later request waits for.
 */
final class Acknowledger {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(new NamedThreads("chatgate-inbox-ack"));

    void acknowledge(Runnable completions) {
        try {
            thread.execute(completions);
        } catch (RejectedExecutionException stopped) {
            completions.run();
        }
    }

    void stop() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
