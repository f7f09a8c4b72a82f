package dev.chatgate.server.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatgate.server.ops.Outcome;

/** The JSON answer for Tencent and how the callback ended. */
public record Answer(ObjectNode body, Outcome outcome) {
}
