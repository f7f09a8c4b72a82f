package com.example.wordfilter;

import dev.chatgate.api.AfterCallbackListener;
import dev.chatgate.api.Callback;
import dev.chatgate.core.message.MessageElements;
import dev.chatgate.model.C2CCallbackAfterSendMsg;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Receives every one-to-one message Chat delivered, after Tencent was answered, from chatgate's inbox: at least
 * once, in order per conversation. It keeps them in memory; a real application writes them to its own store,
 * remembering {@link Callback#eventId()} where it must act exactly once.
 */
@Singleton
public final class SentMessages implements AfterCallbackListener<C2CCallbackAfterSendMsg> {

    /** One delivered message. */
    public record Sent(String eventId, String from, String to, String text) {
    }

    private final List<Sent> received = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(Callback<C2CCallbackAfterSendMsg> callback) {
        C2CCallbackAfterSendMsg message = callback.payload();
        received.add(new Sent(callback.eventId(), message.getFromAccount(), message.getToAccount(),
                MessageElements.of(message.getMsgBody()).text()));
    }

    public List<Sent> received() {
        return List.copyOf(received);
    }
}
