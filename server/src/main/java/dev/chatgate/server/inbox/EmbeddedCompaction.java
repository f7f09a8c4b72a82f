package dev.chatgate.server.inbox;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Embedded H2: every {@link InboxConfiguration#getCompactInterval()}, moves the live pages out of the file's sparse
 * chunks so that the chunks' space is reused. Without it the file grows for as long as events arrive, by far more
 * than the events: each commit is written as a new chunk, and one page in it that stays live pins the whole chunk
 * (at 200 events/s, 1.9 MB/s for minutes on end, with chunks 7% live). H2 compacts by itself only a file that is
 * idle or being closed. A pass is bounded by {@link #REWRITE_BYTES_PER_SECOND} of the interval, and holds H2's store
 * lock meanwhile.
 */
@Context
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class EmbeddedCompaction {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCompaction.class);

    /** Chunks are rewritten while less than this share of the file's chunks is live. */
    static final int TARGET_FILL_PERCENT = 50;
    /**
     * Most bytes of live pages moved per second of the interval. At 200 events/s the chunks were 7% live, so each
     * megabyte moved frees about 14.
     */
    static final int REWRITE_BYTES_PER_SECOND = 1 << 20;

    private final InboxDatabase database;
    private final int rewriteBytes;
    private final RepeatedJob passes;

    public EmbeddedCompaction(InboxDatabase database, InboxConfiguration config) {
        this(database, config, passBytes(config));
    }

    EmbeddedCompaction(InboxDatabase database, InboxConfiguration config, int rewriteBytes) {
        this.database = database;
        this.rewriteBytes = rewriteBytes;
        passes = new RepeatedJob("chatgate-inbox-compact", config.isPostgres() ? Duration.ZERO
                : config.getCompactInterval(), LOG, "Could not compact the embedded inbox file (it grows meanwhile): {}",
                "Compaction of the embedded inbox file works again", this::compact);
    }

    /** Most bytes one pass moves: {@link #REWRITE_BYTES_PER_SECOND} of the interval, from 64 KB to 64 MB. */
    static int passBytes(InboxConfiguration config) {
        long perPass = config.getCompactInterval().toMillis() * REWRITE_BYTES_PER_SECOND / 1000;
        return (int) Math.min(64L << 20, Math.max(64L << 10, perPass));
    }

    /** Whether passes are scheduled: embedded H2 with a positive interval. */
    public boolean scheduled() {
        return passes.scheduled();
    }

    /** Whether the last pass failed (the store is closed, say); the next one is tried all the same. */
    boolean failing() {
        return passes.failing();
    }

    /** One pass: whether any chunk was rewritten. */
    boolean compact() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            MVStore store = EmbeddedStore.of(connection);
            return store.getFileStore() != null && store.compact(TARGET_FILL_PERCENT, rewriteBytes);
        }
    }

    /** Percentage of the bytes in the file's chunks that are live. */
    int liveChunkPercent() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            return EmbeddedStore.of(connection).getFileStore().getChunksFillRate();
        }
    }

    @PreDestroy
    void stop() {
        passes.stop();
    }
}
