package dev.chatgate.api;

/**
 * Optional beans told about every callback nothing else handles, and why: an audit log, a firehose, an alert
 * on a new Tencent command. Called off the request thread; what it does never changes the answer.
 */
public interface UnhandledCallbackListener {

    /** Why a callback reached the fallback. */
    enum Reason {
        /** The spec does not know the command (a new Tencent callback); the payload is null. */
        UNKNOWN_COMMAND,
        /** A known command with no decision handler (answered allow) or no listener. */
        NO_HANDLER
    }

    void onUnhandled(Callback<?> callback, Reason reason) throws Exception;
}
