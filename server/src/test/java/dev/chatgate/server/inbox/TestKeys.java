package dev.chatgate.server.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Dedupe keys for tests: well-formed (64 hex digits, as EventKeys makes them), one per readable label. */
final class TestKeys {

    private TestKeys() {
    }

    static String key(String label) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(label.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
