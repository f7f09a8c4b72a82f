package dev.chatgate.server.reference.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chatgate.core.spec.CallbackSpec;
import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.core.spec.SpecExample;
import dev.chatgate.core.spec.SpecExamples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * Everything the reference says about one command, read from the spec: its operation, its request and answer
 * schemas, its examples, its decision rules and its keys.
 */
record CommandFacts(CommandDescriptor descriptor, String summary, String description, String docUrl,
                    List<Field> fields, String answerDescription, List<Field> answerFields, List<AnswerCode> codes,
                    List<Example> requestExamples, List<Example> answerExamples, String dedupeKey, String orderKey) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> ENVELOPE = Set.of("ActionStatus", "ErrorCode", "ErrorInfo");

    static CommandFacts read(CallbackSpec spec, CommandDescriptor command, SchemaView view, FieldTable table,
                             List<SpecExample> examples) {
        JsonNode operation = spec.webhooks().path(command.command()).path("post");
        JsonNode request = view.named(command.requestSchema());
        JsonNode answer = view.named(command.responseSchema());
        Set<String> topLevel = view.properties(request).keySet();
        List<String> answerOnly = view.properties(answer).keySet().stream().filter(f -> !ENVELOPE.contains(f)).toList();
        List<SpecExample> own = examples.stream().filter(e -> e.command().equals(command.command())).toList();
        return new CommandFacts(command,
                operation.path("summary").asText(""),
                operation.path("description").asText(view.description(request)),
                operation.path("externalDocs").path("url").asText(""),
                table.rows(request),
                view.description(answer),
                table.rows(answer),
                command.isBefore() ? AnswerCode.of(command.decisionRules(), answerOnly) : List.of(),
                own.stream().filter(e -> !e.answer()).map(CommandFacts::example).toList(),
                own.stream().filter(SpecExample::answer).map(CommandFacts::example).toList(),
                EventKeyRules.dedupe(command, topLevel),
                EventKeyRules.order(command, topLevel));
    }

    String command() {
        return descriptor.command();
    }

    String kind() {
        return descriptor.isBefore() ? "before" : "after";
    }

    private static Example example(SpecExample example) {
        try {
            return new Example(example.name(), example.path(), JSON.writeValueAsString(JSON.readTree(example.json())));
        } catch (IOException e) {
            throw new UncheckedIOException("Example " + example.path() + " is not JSON", e);
        }
    }
}
