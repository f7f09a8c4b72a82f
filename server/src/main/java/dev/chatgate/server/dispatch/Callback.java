package dev.chatgate.server.dispatch;

import dev.chatgate.core.protocol.CallbackQuery;
import dev.chatgate.core.protocol.OptPlatform;

import java.time.Instant;

/**
 * One received callback as a handler sees it.
 *
 * @param command    the CallbackCommand
 * @param payload    the body bound to the command's generated model; null if the body did not fit it
 *                   (a schema mismatch accepted in report mode), in which case {@link #rawJson()} has it all
 * @param rawJson    the body exactly as received
 * @param query      the query parameters (Sign and RequestTime included; never log them)
 * @param receivedAt when the service received it
 */
public record Callback<T>(String command, T payload, String rawJson, CallbackQuery query, Instant receivedAt) {

    public String sdkAppId() {
        return query.sdkAppId();
    }

    public OptPlatform platform() {
        return query.platform();
    }

    public boolean hasPayload() {
        return payload != null;
    }
}
