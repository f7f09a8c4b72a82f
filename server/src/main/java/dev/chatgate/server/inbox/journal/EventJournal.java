package dev.chatgate.server.inbox.journal;

import dev.chatgate.server.inbox.store.NewEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;

/**
 * The inbox journal: an append-only log of new events, written before they are answered OK and put into the
 * database afterwards. A commit rewrites pages of every index it touches, and on PostgreSQL waits for its log to
 * reach the disk; a journal append writes the event once, so the answer waits for a file write instead of a commit.
 * Events are numbered from 0 in the order appended; a segment file is deleted once every event in it is in the
 * database and on the disk ({@link #release}). What a killed process left in the journal is read back by
 * {@link #open} and stored before anything new is taken (the store's dedupe key drops what was already there).
 *
 * <p>One process at a time: {@link #open} locks the directory. Appends are made one at a time (the caller holds a
 * lock); another thread may {@link #force} and {@link #release} meanwhile.
 */
public final class EventJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";
    private static final String LOCK = "lock";

    /** A file of the journal; {@code channel} is null for a file a previous run left, which is only read. */
    private static final class Segment {
        final Path path;
        final long number;
        final FileChannel channel;
        volatile long last;

        Segment(Path path, long number, FileChannel channel, long last) {
            this.path = path;
            this.number = number;
            this.channel = channel;
            this.last = last;
        }
    }

    private final Path dir;
    private final FileChannel lock;
    private final long segmentBytes;
    private final ConcurrentLinkedDeque<Segment> segments = new ConcurrentLinkedDeque<>();
    private final List<NewEvent> recovered;
    private long nextSeq;
    private long currentSize;
    private volatile long applied = -1;

    private EventJournal(Path dir, FileChannel lock, long segmentBytes, List<NewEvent> recovered, List<Segment> old)
            throws IOException {
        this.dir = dir;
        this.lock = lock;
        this.segmentBytes = segmentBytes;
        this.recovered = Collections.unmodifiableList(recovered);
        segments.addAll(old);
        nextSeq = recovered.size();
        startSegment();
    }

    /**
     * Opens the journal in {@code dir} (created if missing). Events a previous run left in it are numbered 0 to
     * {@code recovered().size() - 1}, and stay on the disk until released like any other.
     */
    public static EventJournal open(Path dir, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        FileChannel lock = lock(dir);
        try {
            return open(dir, lock, segmentBytes);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    // Two processes appending to one journal would each number their files on from the same newest one, and each
    // take the other's events for its own leftovers.
    private static FileChannel lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        boolean locked;
        try {
            locked = channel.tryLock() != null;
        } catch (java.nio.channels.OverlappingFileLockException heldHere) {
            locked = false;
        }
        if (!locked) {
            channel.close();
            throw new IOException(dir + " is in use by another process; give each node a data directory of its own"
                    + " (chatgate.inbox.data-dir)");
        }
        return channel;
    }

    private static EventJournal open(Path dir, FileChannel lock, long segmentBytes) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(EventJournal::isSegment).sorted().toList();
        }
        List<NewEvent> recovered = new ArrayList<>();
        List<Segment> old = new ArrayList<>();
        for (Path file : files) {
            JournalRecords.readInto(file, recovered);
            old.add(new Segment(file, numberOf(file), null, recovered.size() - 1L));
        }
        if (!recovered.isEmpty()) {
            LOG.info("The inbox journal holds {} event(s) from a previous run; they are stored before anything new",
                    recovered.size());
        }
        return new EventJournal(dir, lock, segmentBytes, recovered, old);
    }

    /** What a previous run appended, oldest first: numbered from 0. */
    public List<NewEvent> recovered() {
        return recovered;
    }

    /**
     * Writes {@code events} at the end of the journal in one write; by the time it returns the kernel has them, so
     * they survive the process. Not synced: see {@link #force}.
     *
     * @return the number of the last event appended
     */
    public long append(List<NewEvent> events) throws IOException {
        if (currentSize >= segmentBytes) {
            startSegment();
        }
        ByteBuffer records = JournalRecords.encode(events);
        Segment current = segments.getLast();
        FileChannel channel = current.channel;
        long size = records.remaining();
        try {
            while (records.hasRemaining()) {
                channel.write(records);
            }
        } catch (IOException e) {
            // Part of a record may be in the file: reading stops there, so nothing may follow it in this file.
            currentSize = segmentBytes;
            throw e;
        }
        currentSize += size;
        nextSeq += events.size();
        current.last = nextSeq - 1;
        return nextSeq - 1;
    }

    /** Syncs what was appended to the disk, so that it survives a power loss too. */
    public void force() throws IOException {
        for (Segment segment : segments) {
            if (segment.channel == null) {
                continue;
            }
            try {
                segment.channel.force(false);
            } catch (java.nio.channels.ClosedChannelException released) {
                // Released meanwhile: its events are in the database and on the disk already.
            }
        }
    }

    /** Notes that every event up to {@code seq} is committed to the database. */
    public void applied(long seq) {
        applied = Math.max(applied, seq);
    }

    /** The highest number of an event committed to the database, -1 if none. */
    public long applied() {
        return applied;
    }

    /** Deletes the segments, but the one appended to, whose every event is {@code seq} or older (stored for good). */
    public void release(long seq) {
        for (Segment segment : segments) {
            if (segment == segments.peekLast() || segment.last > seq) {
                return;
            }
            segments.remove(segment);
            try {
                if (segment.channel != null) {
                    segment.channel.close();
                }
                Files.deleteIfExists(segment.path);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + segment.path, e);
            }
        }
    }

    /** The segment files on the disk, oldest first. */
    public List<Path> files() {
        return segments.stream().map(segment -> segment.path).toList();
    }

    // Files are numbered on from the newest on the disk, so a new one never takes the name of one still there.
    private void startSegment() throws IOException {
        Segment newest = segments.peekLast();
        long number = newest == null ? 0 : newest.number + 1;
        Path path = dir.resolve(PREFIX + String.format("%019d", number) + SUFFIX);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot create " + path + " (" + e.getClass().getSimpleName() + ")", e);
        }
        segments.addLast(new Segment(path, number, channel, nextSeq - 1));
        currentSize = 0;
    }

    private static boolean isSegment(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX)
                && name.substring(PREFIX.length(), name.length() - SUFFIX.length()).matches("\\d{1,19}");
    }

    private static long numberOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    @Override
    public void close() throws IOException {
        for (Segment segment : segments) {
            if (segment.channel != null) {
                segment.channel.close();
            }
        }
        lock.close();
    }
}
