package dev.chatgate.server.ops;

/** How one callback ended; a metric tag and a log field. */
public enum Outcome {
    OK,
    ALLOW,
    ALLOW_WITH,
    DENY,
    DENY_CUSTOM,
    DISCARD,
    FAIL,
    TIMEOUT_FALLBACK,
    HANDLER_FAILED_FALLBACK,
    UNKNOWN_COMMAND,
    REJECTED_APP,
    REJECTED_SOURCE,
    REJECTED_SIGNATURE,
    REJECTED_COMMAND,
    REJECTED_JSON,
    REJECTED_SCHEMA,
    REJECTED_TOO_LARGE,
    UNAVAILABLE;

    public String tag() {
        return name().toLowerCase();
    }
}
