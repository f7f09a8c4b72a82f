package dev.chatgate.server.receive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatgate.core.decision.Envelope;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** HTTP answers carrying Tencent's envelope, written as JSON text exactly as built. */
final class Answers {

    private Answers() {
    }

    static MutableHttpResponse<String> ok(JsonNode answer) {
        return HttpResponse.ok(answer.toString()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** A failure: FAIL envelope whose ErrorCode is the HTTP status, with the reason as ErrorInfo. */
    static MutableHttpResponse<String> fail(int httpStatus, String reason) {
        return HttpResponse.<String>status(HttpStatus.valueOf(httpStatus))
                .body(Envelope.fail(httpStatus, reason).toString())
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
