package dev.chatgate.core.signature;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackSignatureTest {

    /** Tencent's documented vector (the older edition misprints the token as xxxyyy). */
    private static final String DOC_TOKEN = "xxxxyyyy";
    private static final String DOC_TIME = "1669872112";
    private static final String DOC_SIGN = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";

    private final Clock atDocTime = Clock.fixed(Instant.ofEpochSecond(1669872112L), ZoneOffset.UTC);
    private final CallbackSignature signature =
            new CallbackSignature(atDocTime, Duration.ofMinutes(5), Duration.ofSeconds(30));

    private SignatureFailure failureOf(List<String> tokens, String sign, String time) {
        try {
            signature.verify(tokens, sign, time);
        } catch (SignatureException e) {
            return e.reason();
        }
        throw new AssertionError("verified, but should not have");
    }

    @Test
    void signReproducesTencentsDocumentedVector() {
        assertThat(CallbackSignature.sign(DOC_TOKEN, DOC_TIME)).isEqualTo(DOC_SIGN);
    }

    @Test
    void theDocumentedVectorVerifies() {
        assertThatCode(() -> signature.verify(List.of(DOC_TOKEN), DOC_SIGN, DOC_TIME)).doesNotThrowAnyException();
    }

    @Test
    void upperCaseHexVerifiesToo() {
        assertThatCode(() -> signature.verify(List.of(DOC_TOKEN), DOC_SIGN.toUpperCase(), DOC_TIME))
                .doesNotThrowAnyException();
    }

    @Test
    void theMisprintedDocTokenDoesNotMatch() {
        assertThat(failureOf(List.of("xxxyyy"), DOC_SIGN, DOC_TIME)).isEqualTo(SignatureFailure.MISMATCH);
    }

    @Test
    void wrongTokenIsAMismatchAndTheExceptionNamesTheSignNotTheToken() {
        assertThatThrownBy(() -> signature.verify(List.of("secret-token"), DOC_SIGN, DOC_TIME))
                .isInstanceOf(SignatureException.class)
                .satisfies(e -> {
                    SignatureException se = (SignatureException) e;
                    assertThat(se.reason()).isEqualTo(SignatureFailure.MISMATCH);
                    assertThat(se.offendingValue()).isEqualTo(DOC_SIGN);
                    assertThat(se.getMessage()).doesNotContain("secret-token");
                });
    }

    @Test
    void duringRotationEitherTokenVerifies() {
        List<String> both = List.of("new-token", DOC_TOKEN);
        assertThatCode(() -> signature.verify(both, DOC_SIGN, DOC_TIME)).doesNotThrowAnyException();
        String signedWithNew = CallbackSignature.sign("new-token", DOC_TIME);
        assertThatCode(() -> signature.verify(both, signedWithNew, DOC_TIME)).doesNotThrowAnyException();
        assertThat(failureOf(List.of(DOC_TOKEN), signedWithNew, DOC_TIME)).isEqualTo(SignatureFailure.MISMATCH);
    }

    @Test
    void aRequestTimeOlderThanTheWindowIsExpired() {
        String old = String.valueOf(1669872112L - 301);
        assertThat(failureOf(List.of(DOC_TOKEN), CallbackSignature.sign(DOC_TOKEN, old), old))
                .isEqualTo(SignatureFailure.EXPIRED);
        String edge = String.valueOf(1669872112L - 300);
        assertThatCode(() -> signature.verify(List.of(DOC_TOKEN), CallbackSignature.sign(DOC_TOKEN, edge), edge))
                .doesNotThrowAnyException();
    }

    @Test
    void aRequestTimeBeyondTheSkewIsFuture() {
        String ahead = String.valueOf(1669872112L + 31);
        assertThat(failureOf(List.of(DOC_TOKEN), CallbackSignature.sign(DOC_TOKEN, ahead), ahead))
                .isEqualTo(SignatureFailure.FUTURE);
        String withinSkew = String.valueOf(1669872112L + 30);
        assertThatCode(() -> signature.verify(List.of(DOC_TOKEN), CallbackSignature.sign(DOC_TOKEN, withinSkew),
                withinSkew)).doesNotThrowAnyException();
    }

    @Test
    void timeIsCheckedBeforeTheSignSoAReplayedOldRequestIsExpiredNotMismatched() {
        String old = "1600000000";
        assertThat(failureOf(List.of(DOC_TOKEN), DOC_SIGN, old)).isEqualTo(SignatureFailure.EXPIRED);
    }

    @Test
    void malformedSignOrTimeIsMalformed() {
        assertThat(failureOf(List.of(DOC_TOKEN), "abc", DOC_TIME)).isEqualTo(SignatureFailure.MALFORMED);
        assertThat(failureOf(List.of(DOC_TOKEN), DOC_SIGN.replace('a', 'g'), DOC_TIME))
                .isEqualTo(SignatureFailure.MALFORMED);
        assertThat(failureOf(List.of(DOC_TOKEN), DOC_SIGN, "16698721l2")).isEqualTo(SignatureFailure.MALFORMED);
        assertThat(failureOf(List.of(DOC_TOKEN), DOC_SIGN, "-1669872112")).isEqualTo(SignatureFailure.MALFORMED);
        assertThat(failureOf(List.of(DOC_TOKEN), DOC_SIGN, "99999999999999999999")).isEqualTo(SignatureFailure.MALFORMED);
    }

    @Test
    void aSignOfDigitsAndLettersThatAreNotAsciiIsMalformed() {
        for (String lookAlike : new String[]{"\u0661", "\u0967", "\uFF11", "\uFF21", "\uFF41"}) {
            assertThat(failureOf(List.of(DOC_TOKEN), lookAlike + DOC_SIGN.substring(1), DOC_TIME)).as(lookAlike)
                    .isEqualTo(SignatureFailure.MALFORMED);
        }
    }

    @Test
    void absentSignOrTimeIsMissing() {
        assertThat(failureOf(List.of(DOC_TOKEN), null, DOC_TIME)).isEqualTo(SignatureFailure.MISSING);
        assertThat(failureOf(List.of(DOC_TOKEN), DOC_SIGN, null)).isEqualTo(SignatureFailure.MISSING);
        assertThat(failureOf(List.of(DOC_TOKEN), "", "")).isEqualTo(SignatureFailure.MISSING);
    }

    @Test
    void negativeWindowsAreRefusedAtConstruction() {
        assertThatThrownBy(() -> new CallbackSignature(atDocTime, Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
