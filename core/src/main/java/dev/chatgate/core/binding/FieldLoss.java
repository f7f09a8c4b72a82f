package dev.chatgate.core.binding;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a copy of a JSON document lost: every value of the original must be in the copy, at the same pointer.
 * A numeric string may come back as the number it spells (models read {@code "EventTime":"1670574414123"} as a
 * Long). Extra values in the copy are not losses.
 */
public final class FieldLoss {

    private FieldLoss() {
    }

    /** One line per lost or changed value, e.g. {@code /MsgBody/0/MsgContent/Text missing}; empty when none. */
    public static List<String> between(JsonNode original, JsonNode copy) {
        List<String> lost = new ArrayList<>();
        compare("", original, copy, lost);
        return lost;
    }

    private static void compare(String pointer, JsonNode original, JsonNode copy, List<String> lost) {
        if (copy == null || copy.isMissingNode() || (copy.isNull() && !original.isNull())) {
            lost.add(pointer + " missing");
        } else if (original.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                compare(pointer + "/" + field.getKey(), field.getValue(), copy.get(field.getKey()), lost);
            }
        } else if (original.isArray()) {
            if (!copy.isArray() || copy.size() != original.size()) {
                lost.add(pointer + " array changed");
                return;
            }
            for (int i = 0; i < original.size(); i++) {
                compare(pointer + "/" + i, original.get(i), copy.get(i), lost);
            }
        } else if (!sameScalar(original, copy)) {
            lost.add(pointer + " was " + original + ", became " + copy);
        }
    }

    private static boolean sameScalar(JsonNode original, JsonNode copy) {
        if (original.isNumber() && copy.isNumber()) {
            return original.decimalValue().compareTo(copy.decimalValue()) == 0;
        }
        if (original.isTextual() && copy.isNumber() && original.asText().matches("[0-9]+")) {
            return original.asText().equals(copy.asText());
        }
        return original.equals(copy);
    }
}
