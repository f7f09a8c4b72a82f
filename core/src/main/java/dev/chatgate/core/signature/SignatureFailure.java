package dev.chatgate.core.signature;

/** Why a signed request was refused. */
public enum SignatureFailure {
    /** Sign or RequestTime is absent although the app requires authentication. */
    MISSING,
    /** Sign is not 64 hex digits, or RequestTime is not a number of seconds. */
    MALFORMED,
    /** RequestTime is older than the allowed window. */
    EXPIRED,
    /** RequestTime is further in the future than the allowed skew. */
    FUTURE,
    /** Sign matches none of the app's tokens. */
    MISMATCH
}
