package dev.chatgate.core.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every known command, derived from the {@code webhooks} of the OpenAPI document; never a hand-kept list.
 * Immutable and thread-safe.
 */
public final class CommandRegistry {

    private static final String JSON = "application/json";

    private final Map<String, CommandDescriptor> byCommand;

    private CommandRegistry(Map<String, CommandDescriptor> byCommand) {
        this.byCommand = Collections.unmodifiableMap(byCommand);
    }

    /** The registry of the document shipped with this build. */
    public static CommandRegistry bundled() {
        return Holder.DEFAULT;
    }

    private static final class Holder {
        static final CommandRegistry DEFAULT = fromSpec(CallbackSpec.bundled());
    }

    public static CommandRegistry fromSpec(CallbackSpec spec) {
        Map<String, CommandDescriptor> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.webhooks().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            CommandDescriptor descriptor = describe(entry.getKey(), entry.getValue().path("post"), spec);
            if (map.putIfAbsent(descriptor.command(), descriptor) != null) {
                throw new IllegalStateException("Command registered twice: " + descriptor.command());
            }
        }
        return new CommandRegistry(map);
    }

    private static CommandDescriptor describe(String command, JsonNode operation, CallbackSpec spec) {
        if (operation.isMissingNode()) {
            throw new IllegalStateException("Webhook " + command + " has no post operation");
        }
        CallbackKind kind = CallbackKind.fromSpec(required(operation, "x-callback-kind", command), command);
        String requestSchema = schemaName(operation.path("requestBody").path("content").path(JSON), command, "request");
        String responseSchema = schemaName(
                operation.path("responses").path("200").path("content").path(JSON), command, "response");
        JsonNode requestProperties = spec.schemas().path(requestSchema).path("properties");
        return new CommandDescriptor(command, kind, required(operation, "x-callback-category", command),
                requestSchema, responseSchema,
                ModelNames.modelClass(requestSchema), ModelNames.modelClass(responseSchema),
                DecisionRules.fromSpec(operation.path("x-decision")),
                requestProperties.has("CallbackCommand"), dedupePointers(operation.path("x-dedupe-key")));
    }

    private static List<String> dedupePointers(JsonNode rule) {
        List<String> pointers = new ArrayList<>();
        rule.forEach(pointer -> pointers.add(pointer.asText()));
        return pointers;
    }

    private static String required(JsonNode operation, String field, String command) {
        JsonNode value = operation.path(field);
        if (!value.isTextual()) {
            throw new IllegalStateException("Webhook " + command + " has no " + field);
        }
        return value.asText();
    }

    private static String schemaName(JsonNode media, String command, String part) {
        String ref = media.path("schema").path("$ref").asText("");
        String prefix = "#/components/schemas/";
        if (!ref.startsWith(prefix)) {
            throw new IllegalStateException("Webhook " + command + " has no " + part + " schema $ref");
        }
        return ref.substring(prefix.length());
    }

    /** The command, or empty when the spec does not know it; never throws. */
    public Optional<CommandDescriptor> find(String command) {
        return command == null ? Optional.empty() : Optional.ofNullable(byCommand.get(command));
    }

    public boolean isKnown(String command) {
        return command != null && byCommand.containsKey(command);
    }

    public Collection<CommandDescriptor> all() {
        return byCommand.values();
    }

    public int size() {
        return byCommand.size();
    }
}
