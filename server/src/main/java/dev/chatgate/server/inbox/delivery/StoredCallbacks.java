package dev.chatgate.server.inbox.delivery;

import dev.chatgate.api.Callback;
import dev.chatgate.core.protocol.CallbackQuery;
import dev.chatgate.server.inbox.store.StoredEvent;

import java.time.Instant;

/**
 * The one conversion of a stored event back to the {@link Callback} it was received as: the query parsed once,
 * the body left for the listeners' delivery to bind once to its command's model.
 */
final class StoredCallbacks {

    private StoredCallbacks() {
    }

    static Callback<Object> of(StoredEvent event) {
        return new Callback<>(event.command(), null, event.body(), CallbackQuery.parse(event.query()),
                Instant.ofEpochMilli(event.receivedAt()), event.dedupeKey());
    }
}
