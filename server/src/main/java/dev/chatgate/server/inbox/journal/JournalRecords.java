package dev.chatgate.server.inbox.journal;

import dev.chatgate.server.inbox.store.DedupeKeyBytes;
import dev.chatgate.server.inbox.store.NewEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal's records: per event its length, a CRC-32C of the rest, then app, command, dedupe key (32 bytes),
 * order key, received-at, query and body. The checksum tells a record written whole from one the process was
 * killed in the middle of: that one was never answered OK, and reading stops before it.
 */
public final class JournalRecords {

    private static final Logger LOG = LoggerFactory.getLogger(JournalRecords.class);
    private static final int HEADER = 8;

    private JournalRecords() {
    }

    static ByteBuffer encode(List<NewEvent> events) {
        int size = 0;
        byte[][] texts = new byte[events.size() * 3][];
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            texts[3 * i] = event.appId().getBytes(StandardCharsets.UTF_8);
            texts[3 * i + 1] = event.command().getBytes(StandardCharsets.UTF_8);
            texts[3 * i + 2] = event.orderKey().getBytes(StandardCharsets.UTF_8);
            size += HEADER + payloadSize(texts[3 * i], texts[3 * i + 1], texts[3 * i + 2], event);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        CRC32C crc = new CRC32C();
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            int start = out.position();
            out.position(start + HEADER);
            put(out, texts[3 * i]);
            put(out, texts[3 * i + 1]);
            out.put(DedupeKeyBytes.of(event.dedupeKey()));
            put(out, texts[3 * i + 2]);
            out.putLong(event.receivedAt());
            put(out, event.queryUtf8());
            put(out, event.bodyUtf8());
            int end = out.position();
            crc.reset();
            crc.update(out.array(), start + HEADER, end - start - HEADER);
            out.putInt(start, end - start - HEADER);
            out.putInt(start + 4, (int) crc.getValue());
        }
        return out.flip();
    }

    /** Adds the events of {@code file} to {@code into}, in order, up to the first record that is not whole. */
    public static void readInto(Path file, List<NewEvent> into) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        CRC32C crc = new CRC32C();
        while (in.remaining() >= HEADER) {
            int start = in.position();
            int length = in.getInt();
            int checksum = in.getInt();
            if (length <= 0 || length > in.remaining()) {
                in.position(start);
                break;
            }
            crc.reset();
            crc.update(in.array(), in.position(), length);
            if ((int) crc.getValue() != checksum) {
                in.position(start);
                break;
            }
            into.add(decode(in.slice(in.position(), length)));
            in.position(in.position() + length);
        }
        if (in.hasRemaining()) {
            LOG.warn("{} ends with {} byte(s) that are not a whole record: the process stopped while writing them,"
                    + " before that event was answered OK", file, in.remaining());
        }
    }

    private static NewEvent decode(ByteBuffer in) {
        String appId = text(in);
        String command = text(in);
        byte[] key = new byte[DedupeKeyBytes.LENGTH];
        in.get(key);
        String orderKey = text(in);
        long receivedAt = in.getLong();
        byte[] query = bytes(in);
        byte[] body = bytes(in);
        return new NewEvent(appId, command, DedupeKeyBytes.text(key), orderKey,
                new String(query, StandardCharsets.UTF_8), new String(body, StandardCharsets.UTF_8), receivedAt,
                query, body);
    }

    private static int payloadSize(byte[] appId, byte[] command, byte[] orderKey, NewEvent event) {
        return 4 + appId.length + 4 + command.length + DedupeKeyBytes.LENGTH + 4 + orderKey.length + 8
                + 4 + event.queryUtf8().length + 4 + event.bodyUtf8().length;
    }

    private static void put(ByteBuffer out, byte[] value) {
        out.putInt(value.length);
        out.put(value);
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] value = new byte[in.getInt()];
        in.get(value);
        return value;
    }

    private static String text(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }
}
