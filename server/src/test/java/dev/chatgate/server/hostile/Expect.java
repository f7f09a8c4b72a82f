package dev.chatgate.server.hostile;

/**
 * What a case must get back: Tencent's envelope with this status and a reason containing {@code reason};
 * {@code closeAllowed} for bytes that are not HTTP, where closing the connection without a word is right too.
 * A HEAD answer has no body, so only its status is checked.
 */
record Expect(int status, String reason, boolean closeAllowed) {

    static Expect ok() {
        return new Expect(200, "", false);
    }

    static Expect fail(int status, String reason) {
        return new Expect(status, reason, false);
    }

    static Expect failOrClose(int status, String reason) {
        return new Expect(status, reason, true);
    }

    /** Only the status: the answer to HEAD has no body to carry the envelope. */
    static Expect statusOnly(int status) {
        return new Expect(status, null, false);
    }

    static Expect close() {
        return new Expect(-1, "", true);
    }

    @Override
    public String toString() {
        String answer = status == 200 ? "200 OK" : status < 0 ? "a clean close" : status + " FAIL \"…" + reason + "…\"";
        return closeAllowed && status > 0 ? answer + " or a clean close" : answer;
    }
}
