package dev.chatgate.api;

import dev.chatgate.core.protocol.CallbackQuery;
import dev.chatgate.core.protocol.OptPlatform;

import java.time.Instant;

/**
 * One received callback as a handler sees it.
 *
 * @param command    the CallbackCommand
 * @param payload    the body bound to the command's generated model; null if the body did not fit it
 *                   (a schema mismatch accepted in report mode) or the command is unknown, in which case
 *                   {@link #rawJson()} has it all
 * @param rawJson    the body exactly as received
 * @param query      the query parameters (never log Sign)
 * @param receivedAt when the service received it
 * @param eventId    identifies the event across Tencent's retries (its dedupe key): a listener that must act
 *                   exactly once records the ids it has handled
 */
public record Callback<T>(String command, T payload, String rawJson, CallbackQuery query, Instant receivedAt,
                          String eventId) {

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
