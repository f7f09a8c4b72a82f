package dev.chatgate.server.reference.site;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the spec's JSON Schemas as a reader of the reference needs them: {@code $ref}s followed, {@code allOf}
 * parts merged, types spelled out, and the {@code if/then/else} chains that give one field a shape per value of
 * another ({@code MsgContent} by {@code MsgType}) named.
 */
final class SchemaView {

    private static final String REF_PREFIX = "#/components/schemas/";

    /** One branch of a conditional chain: when {@code discriminator} is {@code value}, the field is {@code schema}. */
    record Variant(String discriminator, String value, String schema) {
    }

    private final JsonNode schemas;

    SchemaView(JsonNode schemas) {
        this.schemas = schemas;
    }

    JsonNode named(String name) {
        return schemas.path(name);
    }

    /** The component a node refers to, or null. */
    static String refName(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : null;
    }

    /** The node a {@code $ref} (or a lone {@code allOf: [$ref]}, used to add a description) stands for. */
    JsonNode target(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; hops < 8; hops++) {
            String ref = refName(current);
            if (ref == null && soleAllOf(current) != null) {
                ref = refName(soleAllOf(current));
            }
            if (ref == null) {
                return current;
            }
            current = schemas.path(ref);
        }
        return current;
    }

    /** The component name a field's schema is, directly or through a lone {@code allOf}; null for an inline schema. */
    static String componentOf(JsonNode node) {
        String ref = refName(node);
        if (ref == null && soleAllOf(node) != null) {
            ref = refName(soleAllOf(node));
        }
        return ref;
    }

    private static JsonNode soleAllOf(JsonNode node) {
        JsonNode allOf = node.path("allOf");
        return allOf.isArray() && allOf.size() == 1 && !node.has("properties") ? allOf.get(0) : null;
    }

    /** Properties of an object schema in document order, {@code allOf} parts merged. */
    Map<String, JsonNode> properties(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode part : parts(node)) {
            part.path("properties").fields().forEachRemaining(p -> out.putIfAbsent(p.getKey(), p.getValue()));
        }
        return out;
    }

    Set<String> required(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode part : parts(node)) {
            part.path("required").forEach(name -> out.add(name.asText()));
        }
        return out;
    }

    /** The schema itself and every {@code allOf} part, each followed to its target. */
    private List<JsonNode> parts(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        collectParts(target(node), out, 0);
        return out;
    }

    private void collectParts(JsonNode node, List<JsonNode> out, int depth) {
        out.add(node);
        if (depth < 8) {
            node.path("allOf").forEach(part -> collectParts(target(part), out, depth + 1));
        }
    }

    boolean isObject(JsonNode node) {
        return !properties(node).isEmpty();
    }

    /** The item schema of an array, or null. */
    JsonNode items(JsonNode node) {
        JsonNode items = target(node).path("items");
        return items.isMissingNode() ? null : items;
    }

    String description(JsonNode node) {
        if (node.path("description").isTextual()) {
            return node.path("description").asText();
        }
        for (JsonNode part : parts(node)) {
            if (part.path("description").isTextual()) {
                return part.path("description").asText();
            }
        }
        return "";
    }

    List<String> aliases(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.path("x-aliases").forEach(a -> out.add(a.asText()));
        return out;
    }

    /** A type as a reader wants it: {@code integer (int64)}, {@code array of MemberAccountItem}, {@code integer or string}. */
    String type(JsonNode node) {
        String component = componentOf(node);
        JsonNode schema = target(node);
        String base = baseType(schema);
        if (base.contains("array") && items(schema) != null) {
            JsonNode items = items(schema);
            String itemType = isObject(items) && componentOf(items) != null ? componentOf(items) : type(items);
            base = base.replace("array", "array of " + itemType);
        }
        if (schema.path("format").isTextual()) {
            base += " (" + schema.path("format").asText() + ")";
        }
        if (schema.has("const")) {
            base += " = " + schema.path("const").asText();
        }
        if (schema.path("enum").isArray()) {
            List<String> values = new ArrayList<>();
            schema.path("enum").forEach(v -> values.add(v.asText()));
            base += ": " + String.join(", ", values);
        }
        if (component != null && isObject(schema)) {
            return "object (" + component + ")";
        }
        return component != null && !base.contains(component) ? base + " (" + component + ")" : base;
    }

    private String baseType(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(t.asText()));
            return String.join(" or ", names);
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return isObject(schema) ? "object" : "any";
    }

    /**
     * The conditional shapes of an object's properties: for {@code TIMMsgElement}, {@code MsgContent} is
     * {@code TIMTextElem} when {@code MsgType} is {@code TIMTextElem}, and so on down its {@code else} chain.
     */
    Map<String, List<Variant>> conditionals(JsonNode node) {
        Map<String, List<Variant>> out = new LinkedHashMap<>();
        JsonNode branch = target(node);
        for (int depth = 0; depth < 64 && branch.has("if"); depth++) {
            var condition = branch.path("if").path("properties").fields();
            if (condition.hasNext()) {
                var discriminator = condition.next();
                String value = discriminator.getValue().path("const").asText();
                branch.path("then").path("properties").fields().forEachRemaining(p -> {
                    String schema = componentOf(p.getValue());
                    if (schema != null) {
                        out.computeIfAbsent(p.getKey(), k -> new ArrayList<>())
                                .add(new Variant(discriminator.getKey(), value, schema));
                    }
                });
            }
            branch = branch.path("else");
        }
        return out;
    }
}
