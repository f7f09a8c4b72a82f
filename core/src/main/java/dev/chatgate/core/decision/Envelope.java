package dev.chatgate.core.decision;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Tencent's answer envelope {@code {ActionStatus, ErrorCode, ErrorInfo}}, always with all three fields. */
public final class Envelope {

    public static final String ACTION_STATUS = "ActionStatus";
    public static final String ERROR_CODE = "ErrorCode";
    public static final String ERROR_INFO = "ErrorInfo";
    public static final String OK = "OK";
    public static final String FAIL = "FAIL";

    private Envelope() {
    }

    public static ObjectNode ok() {
        return of(OK, 0, "");
    }

    public static ObjectNode ok(int errorCode, String errorInfo) {
        return of(OK, errorCode, errorInfo);
    }

    public static ObjectNode fail(int errorCode, String errorInfo) {
        return of(FAIL, errorCode, errorInfo);
    }

    static ObjectNode of(String actionStatus, int errorCode, String errorInfo) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        return stamp(node, actionStatus, errorCode, errorInfo);
    }

    /** Sets the three envelope fields on an answer, first in order, replacing any already there. */
    static ObjectNode stamp(ObjectNode answer, String actionStatus, int errorCode, String errorInfo) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put(ACTION_STATUS, actionStatus);
        out.put(ERROR_CODE, errorCode);
        out.put(ERROR_INFO, errorInfo == null ? "" : errorInfo);
        answer.fields().forEachRemaining(field -> {
            if (!out.has(field.getKey())) {
                out.set(field.getKey(), field.getValue());
            }
        });
        return out;
    }
}
