package dev.chatgate.core.signature;

/** A request's Sign/RequestTime did not verify; {@link #reason()} says why. Never carries a token. */
public final class SignatureException extends Exception {

    private final SignatureFailure reason;
    private final String offendingValue;

    public SignatureException(SignatureFailure reason, String offendingValue, String message) {
        super(message);
        this.reason = reason;
        this.offendingValue = offendingValue;
    }

    public SignatureFailure reason() {
        return reason;
    }

    /** The Sign or RequestTime value that failed (null when missing). */
    public String offendingValue() {
        return offendingValue;
    }
}
