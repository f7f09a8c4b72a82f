package dev.chatgate.server.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatgate.core.event.EventKeys;
import dev.chatgate.core.protocol.CallbackQuery;
import dev.chatgate.server.dispatch.AfterCallbackInbox;
import dev.chatgate.api.Callback;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Stores every after-callback before it is acknowledged; {@link DeliveryLanes} deliver it afterwards. */
@Singleton
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public final class DurableInbox implements AfterCallbackInbox {

    private final InboxWriter writer;
    private final long storeTimeoutMillis;

    public DurableInbox(InboxWriter writer, InboxConfiguration config) {
        this.writer = writer;
        this.storeTimeoutMillis = config.getStoreTimeout().toMillis();
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
