package dev.chatgate.server.dispatch;

import dev.chatgate.api.Callback;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.CompletableFuture;

/**
 * Where an accepted after-callback (or a callback of an unknown command) goes before Tencent is answered.
 * The answer is OK only when the returned future completes normally: a durable implementation completes it once
 * the event is committed, and fails it with {@link InboxUnavailableException} when it cannot store it.
 */
public interface AfterCallbackInbox {

    /**
     * @param body         the parsed body (the raw text is in the callback)
     * @param knownCommand false for a command the spec does not know
     */
    CompletableFuture<Void> accept(Callback<?> callback, JsonNode body, boolean knownCommand);
}
