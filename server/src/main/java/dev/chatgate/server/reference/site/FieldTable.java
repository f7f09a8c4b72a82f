package dev.chatgate.server.reference.site;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Flattens a body schema into one row per field, nested objects and array items included
 * ({@code NewMemberList[].Member_Account}); a field whose shape depends on another is one row naming its variants.
 */
final class FieldTable {

    private static final int MAX_DEPTH = 5;

    private final SchemaView view;
    private final Set<String> variantSchemas = new TreeSet<>();

    FieldTable(SchemaView view) {
        this.view = view;
    }

    List<Field> rows(JsonNode objectSchema) {
        List<Field> out = new ArrayList<>();
        Deque<String> path = new ArrayDeque<>();
        collect(objectSchema, "", 0, path, out);
        return out;
    }

    /** Every schema a conditional field named in the tables built so far: they get sections of their own. */
    Set<String> variantSchemas() {
        return variantSchemas;
    }

    private void collect(JsonNode object, String prefix, int depth, Deque<String> componentsOnPath, List<Field> out) {
        Set<String> required = view.required(object);
        Map<String, List<SchemaView.Variant>> conditionals = view.conditionals(object);
        for (Map.Entry<String, JsonNode> property : view.properties(object).entrySet()) {
            String name = property.getKey();
            JsonNode schema = property.getValue();
            List<SchemaView.Variant> variants = conditionals.getOrDefault(name, List.of());
            List<String> variantNames = variants.stream().map(SchemaView.Variant::schema).toList();
            variantSchemas.addAll(variantNames);
            String type = variants.isEmpty() ? view.type(schema)
                    : view.type(schema) + ", by " + variants.get(0).discriminator();
            out.add(new Field(prefix + name, depth, type, variantNames, required.contains(name),
                    view.description(schema), view.aliases(schema)));
            if (variants.isEmpty() && depth + 1 < MAX_DEPTH) {
                descend(schema, prefix + name, depth, componentsOnPath, out);
            }
        }
    }

    private void descend(JsonNode schema, String path, int depth, Deque<String> componentsOnPath, List<Field> out) {
        JsonNode child = schema;
        String childPath = path + ".";
        if (!view.isObject(schema) && view.items(schema) != null) {
            child = view.items(schema);
            childPath = path + "[].";
        }
        if (!view.isObject(child)) {
            return;
        }
        String component = SchemaView.componentOf(child);
        if (component != null && componentsOnPath.contains(component)) {
            return;
        }
        if (component != null) {
            componentsOnPath.push(component);
        }
        collect(child, childPath, depth + 1, componentsOnPath, out);
        if (component != null) {
            componentsOnPath.pop();
        }
    }
}
