package dev.chatgate.server.config;

/** The answer a before-callback gets when its handler has not decided within the deadline. */
public enum TimeoutDecision {
    /** Let the event proceed (Tencent's own default on timeout). */
    ALLOW,
    /** Refuse with the command's generic refusal code. */
    DENY
}
