package dev.chatgate.server.dispatch;

import dev.chatgate.api.UnhandledCallbackListener;
import dev.chatgate.api.AfterCallbackListener;
import dev.chatgate.api.Callback;
import dev.chatgate.core.binding.PayloadBinder;
import dev.chatgate.core.binding.PayloadBindingException;
import dev.chatgate.core.spec.CommandRegistry;
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
    private final CommandRegistry registry;
    private final PayloadBinder binder;

    public ListenerDelivery(HandlerIndex index, List<UnhandledCallbackListener> unhandled, CommandRegistry registry,
                            PayloadBinder binder) {
        this.index = index;
        this.unhandled = List.copyOf(unhandled);
        this.registry = registry;
        this.binder = binder;
    }

    /** Binds the raw body to its command's model (null when it does not fit) and delivers it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void deliver(Callback<?> received, boolean knownCommand) throws Exception {
        List<AfterCallbackListener<?>> listeners = index.listenersFor(received.command());
        if (listeners.isEmpty() && unhandled.isEmpty()) {
            return;
        }
        Callback<?> callback = received.hasPayload() ? received : bound(received);
        Exception first = null;
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

    private Callback<Object> bound(Callback<?> raw) {
        Object payload = registry.find(raw.command()).map(command -> {
            try {
                return binder.bind(command, raw.rawJson());
            } catch (PayloadBindingException e) {
                return null;
            }
        }).orElse(null);
        return new Callback<>(raw.command(), payload, raw.rawJson(), raw.query(), raw.receivedAt(), raw.eventId());
    }
}
