package dev.chatgate.server.receive;

import dev.chatgate.core.protocol.CallbackQuery;
import dev.chatgate.server.ops.Outcome;
import io.micronaut.http.HttpRequest;

/** A body Micronaut could not turn into text (its encoding or charset is wrong): a 400 refusal like any other. */
final class UnreadableBody {

    private UnreadableBody() {
    }

    static CallbackRejectedException rejection(HttpRequest<?> request, String reason) {
        var parameters = request.getParameters();
        return new CallbackRejectedException(400, Outcome.REJECTED_JSON, reason,
                parameters.get(CallbackQuery.CALLBACK_COMMAND), parameters.get(CallbackQuery.SDK_APPID));
    }
}
