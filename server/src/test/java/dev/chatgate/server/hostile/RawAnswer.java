package dev.chatgate.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.Map;

/**
 * What came back on a raw socket: one HTTP answer, or none ({@code status == -1}) when the server closed the
 * connection or the deadline passed first.
 */
record RawAnswer(int status, Map<String, String> headers, String body, boolean closedCleanly, Duration elapsed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RawAnswer none(boolean closedCleanly, Duration elapsed) {
        return new RawAnswer(-1, Map.of(), "", closedCleanly, elapsed);
    }

    boolean answered() {
        return status > 0;
    }

    /** The body as JSON, or null when it is not JSON. */
    JsonNode json() {
        try {
            return body.isEmpty() ? null : JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return answered() ? "HTTP " + status + " in " + elapsed.toMillis() + " ms: " + body
                : (closedCleanly ? "closed without an answer" : "no answer") + " after " + elapsed.toMillis() + " ms";
    }
}
