package dev.chatgate.server.dispatch;

/**
 * Where an accepted after-callback goes before Tencent is answered. The answer is OK only when
 * {@link #accept} returned normally: a durable implementation stores the event there.
 */
public interface AfterCallbackInbox {

    /** Takes the event; throws {@link InboxUnavailableException} when it cannot, so the answer is a failure. */
    void accept(Callback<?> callback) throws InboxUnavailableException;
}
