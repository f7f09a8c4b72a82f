package dev.chatgate.server.dispatch;

import jakarta.inject.Singleton;

import java.util.List;

/**
 * Delivers one after-callback to its listeners, or to the unhandled-callback listeners when it has none.
 * A listener's failure is rethrown after the others ran, so that the inbox retries the event.
 */
@Singleton
public final class ListenerDelivery {

    private final HandlerIndex index;
    private final List<UnhandledCallbackListener> unhandled;

    public ListenerDelivery(HandlerIndex index, List<UnhandledCallbackListener> unhandled) {
        this.index = index;
        this.unhandled = List.copyOf(unhandled);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void deliver(Callback<?> callback, boolean knownCommand) throws Exception {
        Exception first = null;
        List<AfterCallbackListener<?>> listeners = index.listenersFor(callback.command());
        if (listeners.isEmpty()) {
            UnhandledCallbackListener.Reason reason = knownCommand
                    ? UnhandledCallbackListener.Reason.NO_HANDLER : UnhandledCallbackListener.Reason.UNKNOWN_COMMAND;
            for (UnhandledCallbackListener listener : unhandled) {
                try {
                    listener.onUnhandled(callback, reason);
                } catch (Exception e) {
                    first = first == null ? e : first;
                }
            }
        }
        for (AfterCallbackListener listener : listeners) {
            try {
                listener.onEvent(callback);
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
