package dev.chatgate.server.config;

/** What schema violations do to a callback. */
public enum ValidationMode {
    /** Do not validate. */
    OFF,
    /** Accept, log each command+pointer once, count in metrics (the default: Tencent adds fields and quirks). */
    REPORT,
    /** Reject with 400 and the violation list. */
    ENFORCE
}
