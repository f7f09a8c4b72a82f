package dev.chatgate.server.inbox.store;

import java.util.HexFormat;

/**
 * A dedupe key (64 lowercase hex digits) as the embedded store keeps it: its 32 bytes. H2 writes a character
 * string one varint per character each time the page holding it is written, and compares it character by
 * character; the bytes are half the size, copied whole and compared in the same order as the hex text.
 */
public final class DedupeKeyBytes {

    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private DedupeKeyBytes() {
    }

    public static boolean isWellFormed(String key) {
        if (key == null || key.length() != 2 * LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    public static byte[] of(String key) {
        return HEX.parseHex(key);
    }

    public static String text(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }
}
