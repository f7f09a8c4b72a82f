package dev.chatgate.server.dispatch;

/** The inbox cannot take an event now; Tencent gets a failure answer (and may retry), never an OK. */
public final class InboxUnavailableException extends Exception {

    public InboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
