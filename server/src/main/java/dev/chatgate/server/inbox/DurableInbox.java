package dev.chatgate.server.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatgate.core.event.EventKeys;
import dev.chatgate.core.protocol.CallbackQuery;
import dev.chatgate.server.dispatch.AfterCallbackInbox;
import dev.chatgate.api.Callback;
import dev.chatgate.server.inbox.settings.StoreSettings;
import dev.chatgate.server.inbox.store.NewEvent;
import dev.chatgate.server.inbox.write.InboxWriter;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Stores every after-callback before it is acknowledged; the inbox's delivery lanes deliver it afterwards. */
@Singleton
@RequiresInbox
public final class DurableInbox implements AfterCallbackInbox {

    private final InboxWriter writer;
    private final long storeTimeoutMillis;

    public DurableInbox(InboxWriter writer, StoreSettings config) {
        this.writer = writer;
        this.storeTimeoutMillis = config.storeTimeout().toMillis();
    }

    @Override
    public CompletableFuture<Void> accept(Callback<?> callback, JsonNode body, boolean knownCommand) {
        NewEvent event = new NewEvent(callback.sdkAppId(), callback.command(), callback.eventId(),
                EventKeys.orderKey(callback.sdkAppId(), body, callback.eventId()), storedQuery(callback.query()),
                callback.rawJson(), callback.receivedAt().toEpochMilli());
        return writer.write(event).orTimeout(storeTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The query without Sign and RequestTime: they authenticated this request and mean nothing later. */
    private static String storedQuery(CallbackQuery query) {
        return query.withSignature(null, null).toQueryString();
    }
}
