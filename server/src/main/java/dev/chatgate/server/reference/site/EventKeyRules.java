package dev.chatgate.server.reference.site;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatgate.core.event.EventKeys;
import dev.chatgate.core.spec.CommandDescriptor;

import java.util.Set;

/**
 * How the inbox keys a command's events, in words: the dedupe key from the spec's {@code x-dedupe-key}, the order
 * key from {@link EventKeys} itself, asked about a body that carries every top-level field the command has.
 */
final class EventKeyRules {

    private static final String NOT_STORED = "None: a before-callback is decided while Tencent waits for the answer; "
            + "it is not stored in the inbox.";

    private EventKeyRules() {
    }

    static String dedupe(CommandDescriptor command, Set<String> topLevelFields) {
        if (command.isBefore()) {
            return NOT_STORED;
        }
        if (!command.dedupePointers().isEmpty()) {
            return "The fields " + String.join(", ", command.dedupePointers().stream().map(p -> "`" + p + "`").toList())
                    + " (a SHA-256 of app, command and their values), led by the message's `MsgTime`. A body in which"
                    + " one of them is missing or empty is keyed by its whole body instead.";
        }
        String time = topLevelFields.contains("EventTime") ? "`EventTime`"
                : topLevelFields.contains("MsgTime") ? "`MsgTime`" : null;
        return "A SHA-256 of app, command and the whole body in canonical form (keys sorted, no white space), which "
                + "every resend of one event shares, "
                + (time != null ? "led by its " + time + "." : "led by 0: the command carries no time field.");
    }

    static String order(CommandDescriptor command, Set<String> topLevelFields) {
        if (command.isBefore()) {
            return NOT_STORED;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        topLevelFields.forEach(field -> body.put(field, "x"));
        String key = EventKeys.orderKey("app", body, "event");
        String kind = key.split(":", 3)[1];
        return switch (kind) {
            case "group" -> "Per group (`GroupId`): the events of one group are delivered in the order received.";
            case "channel" -> "Per official account (`Official_Account`): delivered in the order received.";
            case "c2c" -> "Per one-to-one conversation (`From_Account` and `To_Account`, either direction): "
                    + "delivered in the order received.";
            default -> "None: each event is delivered on its own, with no predecessor.";
        } + (kind.equals("event") ? "" : " An event without that field has no predecessor.");
    }
}
