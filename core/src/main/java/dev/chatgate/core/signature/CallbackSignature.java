package dev.chatgate.core.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Tencent's webhook authentication: {@code Sign = hex(sha256(token + RequestTime))}, with RequestTime in Unix
 * seconds. Verifies against several tokens at once (rotation) within a time window. Thread-safe.
 */
public final class CallbackSignature {

    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;
    private final Duration maxAge;
    private final Duration maxSkew;

    /**
     * @param clock   the source of "now"
     * @param maxAge  how old a RequestTime may be
     * @param maxSkew how far in the future a RequestTime may be (clock skew between Tencent and us)
     */
    public CallbackSignature(Clock clock, Duration maxAge, Duration maxSkew) {
        if (maxAge.isNegative() || maxSkew.isNegative()) {
            throw new IllegalArgumentException("signature windows must not be negative");
        }
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxSkew = maxSkew;
    }

    /** The value Tencent puts in {@code Sign} for this token and time. */
    public static String sign(String token, String requestTime) {
        return HEX.formatHex(sha256(token + requestTime));
    }

    /**
     * Returns normally when {@code sign} is right for one of {@code tokens} and {@code requestTime} is inside
     * the window; otherwise throws with the reason.
     */
    public void verify(List<String> tokens, String sign, String requestTime) throws SignatureException {
        if (isBlank(sign) || isBlank(requestTime)) {
            throw new SignatureException(SignatureFailure.MISSING, null,
                    isBlank(sign) ? "Sign is missing" : "RequestTime is missing");
        }
        if (sign.length() != 64 || !isHex(sign)) {
            throw new SignatureException(SignatureFailure.MALFORMED, sign, "Sign is not 64 ASCII hex digits");
        }
        long seconds = parseSeconds(requestTime);
        checkWindow(seconds, requestTime);
        byte[] presented = HEX.parseHex(sign.toLowerCase());
        boolean matched = false;
        for (String token : tokens) {
            // Every token is compared, in constant time, so timing tells nothing about which one is close.
            matched |= MessageDigest.isEqual(presented, sha256(token + requestTime));
        }
        if (!matched) {
            throw new SignatureException(SignatureFailure.MISMATCH, sign, "Sign does not match any configured token");
        }
    }

    private void checkWindow(long seconds, String requestTime) throws SignatureException {
        Instant signedAt = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(maxAge))) {
            throw new SignatureException(SignatureFailure.EXPIRED, requestTime,
                    "RequestTime " + requestTime + " is older than " + maxAge.toSeconds() + " s");
        }
        if (signedAt.isAfter(now.plus(maxSkew))) {
            throw new SignatureException(SignatureFailure.FUTURE, requestTime,
                    "RequestTime " + requestTime + " is more than " + maxSkew.toSeconds() + " s in the future");
        }
    }

    private static long parseSeconds(String requestTime) throws SignatureException {
        if (requestTime.length() > 12 || !requestTime.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SignatureException(SignatureFailure.MALFORMED, requestTime,
                    "RequestTime is not a number of Unix seconds");
        }
        return Long.parseLong(requestTime);
    }

    // ASCII only: Character.digit also takes Unicode digits and fullwidth letters, which HexFormat cannot decode.
    private static boolean isHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
