package dev.chatgate.server.inbox.store.h2;

import org.h2.mvstore.MVStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Embedded H2: moves the live pages out of the file's sparse chunks so that the chunks' space is reused. Without it
 * the file grows for as long as events arrive, by far more than the events: each commit is written as a new chunk,
 * and one page in it that stays live pins the whole chunk (at 200 events/s, 1.9 MB/s for minutes on end, with
 * chunks 7% live). H2 compacts by itself only a file that is idle or being closed. A pass is bounded by
 * {@link #REWRITE_BYTES_PER_SECOND} of the interval, and holds H2's store lock meanwhile.
 */
public final class EmbeddedCompaction {

    /** Chunks are rewritten while less than this share of the file's chunks is live. */
    static final int TARGET_FILL_PERCENT = 50;
    /**
     * Most bytes of live pages moved per second of the interval. At 200 events/s the chunks were 7% live, so each
     * megabyte moved frees about 14.
     */
    static final int REWRITE_BYTES_PER_SECOND = 1 << 20;

    private final DataSource dataSource;
    private final int rewriteBytes;

    public EmbeddedCompaction(DataSource dataSource, Duration interval) {
        this(dataSource, passBytes(interval));
    }

    public EmbeddedCompaction(DataSource dataSource, int rewriteBytes) {
        this.dataSource = dataSource;
        this.rewriteBytes = rewriteBytes;
    }

    /** Most bytes one pass moves: {@link #REWRITE_BYTES_PER_SECOND} of the interval, from 64 KB to 64 MB. */
    public static int passBytes(Duration interval) {
        long perPass = interval.toMillis() * REWRITE_BYTES_PER_SECOND / 1000;
        return (int) Math.min(64L << 20, Math.max(64L << 10, perPass));
    }

    /** One pass: whether any chunk was rewritten. */
    public boolean compact() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = EmbeddedStore.of(connection);
            return store.getFileStore() != null && store.compact(TARGET_FILL_PERCENT, rewriteBytes);
        }
    }

    /** Percentage of the bytes in the file's chunks that are live. */
    public int liveChunkPercent() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return EmbeddedStore.of(connection).getFileStore().getChunksFillRate();
        }
    }
}
