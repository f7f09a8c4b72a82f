package dev.chatgate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatgate.core.spec.CommandDescriptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * The two keys an after-callback is stored under.
 * <ul>
 * <li>Dedupe key: Tencent resends an after-callback on timeout and sends no event id. Where the spec names the
 *     fields that identify an event ({@code x-dedupe-key}, e.g. MsgKey of a sent one-to-one message) they are the
 *     key; otherwise a SHA-256 of the body in canonical form (keys sorted, no white space). Two distinct events
 *     differ in at least one field, so they never share a key. The key starts with the event's own time (see
 *     {@link #dedupeKey(String, String, List, JsonNode)}), so keys are stored in roughly the order they arrive.</li>
 * <li>Order key: events of one group ({@code GroupId}), one official account ({@code Official_Account}) or one
 *     one-to-one conversation ({@code From_Account} and {@code To_Account}, either direction; for a read receipt
 *     {@code Operator_Account} and {@code Peer_Account}) are delivered in the order received. Clearing all unread
 *     messages (C2C.CallbackAfterMsgReadAll, whose {@code GroupReadInfo} lists groups despite the C2C prefix)
 *     follows its group when it names exactly one; an event that names several groups, or none of the above,
 *     has no predecessor, since no single lane holds it.</li>
 * </ul>
 * Both are prefixed with the app, so apps never collide.
 */
public final class EventKeys {

    private static final HexFormat HEX = HexFormat.of();

    private EventKeys() {
    }

    /**
     * 64 hex digits: the event's time (16), then a SHA-256 of the app, the command and the identifying fields or
     * the canonical body (48, i.e. 192 bits). The time is one every delivery of the event carries unchanged:
     * {@code MsgTime}, the sent message's own time, where fields identify the event (it is part of {@code MsgKey});
     * otherwise {@code EventTime} (any field would do: the whole body is hashed), else {@code MsgTime}, else 0.
     * Leading with it keeps new keys together at the end of the unique index instead of scattered through it,
     * which is what a database rewrites on every commit.
     */
    public static String dedupeKey(String appId, String command, List<String> pointers, JsonNode body) {
        if (!pointers.isEmpty()) {
            StringBuilder key = new StringBuilder();
            boolean complete = true;
            for (String pointer : pointers) {
                JsonNode value = body.at(pointer);
                complete &= value.isValueNode() && !value.asText().isEmpty();
                key.append(pointer).append('=').append(value.asText()).append('\n');
            }
            if (complete) {
                return timePrefix(millis(body, "MsgTime", 1000)) + sha256(appId + "\n" + command + "\n" + key);
            }
        }
        long time = millis(body, "EventTime", 1);
        return timePrefix(time != 0 ? time : millis(body, "MsgTime", 1000))
                + sha256(appId + "\n" + command + "\n" + canonical(body));
    }

    /** A top-level time field, as a number or a numeric string (Tencent sends both), times {@code scale}; else 0. */
    private static long millis(JsonNode body, String field, long scale) {
        JsonNode value = body.path(field);
        long number;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        } else if (value.isTextual() && !value.textValue().isEmpty() && value.textValue().length() <= 18
                && value.textValue().chars().allMatch(Character::isDigit)) {
            number = Long.parseLong(value.textValue());
        } else {
            return 0;
        }
        return number > 0 && number <= Long.MAX_VALUE / scale ? number * scale : 0;
    }

    private static String timePrefix(long millis) {
        String hex = Long.toHexString(millis);
        return "0".repeat(16 - hex.length()) + hex;
    }

    public static String dedupeKey(String appId, CommandDescriptor command, JsonNode body) {
        return dedupeKey(appId, command.command(), command.dedupePointers(), body);
    }

    public static String orderKey(String appId, JsonNode body, String dedupeKey) {
        String group = text(body, "GroupId");
        if (group != null) {
            return appId + ":group:" + group;
        }
        String channel = text(body, "Official_Account");
        if (channel != null) {
            return appId + ":channel:" + channel;
        }
        String cleared = onlyGroup(body.path("GroupReadInfo"));
        if (cleared != null) {
            return appId + ":group:" + cleared;
        }
        String from = text(body, "From_Account");
        String to = text(body, "To_Account");
        if (from != null && to != null) {
            return conversation(appId, from, to);
        }
        String reader = text(body, "Operator_Account");
        String peer = text(body, "Peer_Account");
        if (reader != null && peer != null) {
            return conversation(appId, reader, peer);
        }
        return appId + ":event:" + dedupeKey;
    }

    private static String conversation(String appId, String one, String other) {
        return appId + ":c2c:" + (one.compareTo(other) <= 0 ? one + "|" + other : other + "|" + one);
    }

    /** The GroupId every item of the list names, when they all name the same one; else null. */
    private static String onlyGroup(JsonNode items) {
        String group = null;
        for (JsonNode item : items) {
            String id = text(item, "GroupId");
            if (id == null || (group != null && !group.equals(id))) {
                return null;
            }
            group = id;
        }
        return group;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    /** The body with object keys sorted and no white space, so equal documents give equal text. */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                sorted.put(name, node.get(name));
            }
            out.append('{');
            boolean first = true;
            for (var field : sorted.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                quote(field.getKey(), out);
                out.append(':');
                write(field.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else if (node.isIntegralNumber() || node.isBoolean() || node.isNull()) {
            out.append(node.asText());
        } else {
            out.append(node);
        }
    }

    /**
     * A JSON string exactly as Jackson writes it, so that keys stay what they were: quote and backslash escaped,
     * backspace, tab, line feed, form feed and carriage return in their short forms, other control characters
     * as a six-character unicode escape, everything else as is. Written here because Jackson's own node-to-text
     * builds a writer for every value, which made it the dearest part of a key.
     */
    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX.toHexDigits((byte) c).toUpperCase(java.util.Locale.ROOT));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The first 24 bytes of the SHA-256, in hex. */
    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
