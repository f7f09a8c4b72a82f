package dev.chatgate.core.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.NonValidationKeyword;
import dev.chatgate.core.spec.CallbackSpec;
import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.core.spec.CommandRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates raw callback bodies and answers against their command's own schema in the OpenAPI document.
 * Every schema is compiled once, up front; instances are thread-safe and never touch the network.
 */
public final class PayloadValidator {

    /** Top-level OpenAPI keys that are not JSON Schema keywords. */
    private static final List<String> OPENAPI_KEYWORDS = List.of("openapi", "info", "servers", "paths",
            "components", "tags", "security", "externalDocs", "webhooks", "jsonSchemaDialect",
            "x-aliases", "x-callback-kind", "x-callback-category", "x-decision");

    /**
     * Keywords that only document a schema. The dialect would give each a validator that checks nothing, and
     * validating walks every validator of every schema it passes: with a description and examples on nearly every
     * property, that was a tenth of the time.
     */
    private static final List<String> DOCUMENTATION_KEYWORDS = List.of("title", "description", "examples",
            "$comment");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Map<String, Schema> requestSchemas = new HashMap<>();
    private final Map<String, Schema> responseSchemas = new HashMap<>();
    private final SchemaRegistry schemaRegistry;
    private final String specLocation;

    public PayloadValidator(CommandRegistry commands, CallbackSpec spec) {
        Dialect dialect = Dialect.builder(Dialects.getOpenApi31())
                .keywords(OPENAPI_KEYWORDS.stream().map(NonValidationKeyword::new).toList())
                .keywords(DOCUMENTATION_KEYWORDS.stream().map(DocumentationKeyword::new).toList())
                .build();
        this.schemaRegistry = SchemaRegistry.withDefaultDialect(dialect);
        this.specLocation = "classpath:" + spec.resource();
        for (CommandDescriptor command : commands.all()) {
            requestSchemas.put(command.command(), compile(command.requestSchema()));
            responseSchemas.put(command.command(), compile(command.responseSchema()));
        }
    }

    /** A validator over the document shipped with this build. */
    public static PayloadValidator bundled() {
        return Holder.DEFAULT;
    }

    private static final class Holder {
        static final PayloadValidator DEFAULT = new PayloadValidator(CommandRegistry.bundled(), CallbackSpec.bundled());
    }

    /** Compiles any component schema by name, e.g. {@code TIMTextElem}. */
    public Schema compile(String schemaName) {
        Schema schema = schemaRegistry.getSchema(
                SchemaLocation.of(specLocation + "#" + CallbackSpec.schemaPointer(schemaName)));
        schema.initializeValidators();
        return schema;
    }

    /** Validates a request body given as raw JSON text. */
    public ValidationResult validateRequest(String command, String rawJson) throws MalformedJsonException {
        return validateRequest(command, parse(rawJson));
    }

    public ValidationResult validateRequest(String command, JsonNode body) {
        return validate(command, requestSchemas.get(command), body);
    }

    /** Validates an answer (envelope plus decision fields) given as raw JSON text. */
    public ValidationResult validateResponse(String command, String rawJson) throws MalformedJsonException {
        return validateResponse(command, parse(rawJson));
    }

    public ValidationResult validateResponse(String command, JsonNode answer) {
        return validate(command, responseSchemas.get(command), answer);
    }

    /** Validates against any component schema, compiling it on the spot (for tools, not the hot path). */
    public ValidationResult validateAgainst(String schemaName, JsonNode node) {
        return validate(schemaName, compile(schemaName), node);
    }

    public boolean knows(String command) {
        return requestSchemas.containsKey(command);
    }

    private static ValidationResult validate(String command, Schema schema, JsonNode node) {
        if (schema == null) {
            throw new IllegalArgumentException("No schema for unknown command " + command);
        }
        List<Violation> violations = new ArrayList<>();
        for (Error error : schema.validate(node)) {
            violations.add(toViolation(error));
        }
        return new ValidationResult(command, violations);
    }

    private static Violation toViolation(Error error) {
        String pointer = error.getInstanceLocation().toString();
        if ("$".equals(pointer)) {
            pointer = "";
        }
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            pointer = pointer + "/" + error.getProperty();
        }
        return new Violation(pointer, error.getKeyword(), error.getMessage());
    }

    /** A keyword without a validator: the schema reader leaves out keywords whose validator is null. */
    private static final class DocumentationKeyword extends AbstractKeyword {
        DocumentationKeyword(String name) {
            super(name);
        }

        @Override
        public KeywordValidator newValidator(SchemaLocation location, JsonNode value, Schema parent,
                                             SchemaContext context) {
            return null;
        }
    }

    // Jackson quotes an unrecognized token (up to 256 characters of the body); the reason is logged, the body never.
    private static String withoutBodyText(String message) {
        return message == null ? "unreadable" : message.replaceFirst("^Unrecognized token '.*?': ", "Unrecognized token: ");
    }

    /** Only white space may follow the object; whatever else follows, even what is not a JSON token, is "more". */
    private static void requireEnd(JsonParser parser) throws MalformedJsonException {
        var location = parser.currentLocation();
        try {
            if (parser.nextToken() == null) {
                return;
            }
            location = parser.currentTokenLocation();
        } catch (IOException e) {
            location = e instanceof JsonProcessingException processing && processing.getLocation() != null
                    ? processing.getLocation() : location;
        }
        throw MalformedJsonException.trailing(location.getLineNr(), location.getColumnNr());
    }

    /**
     * Parses JSON text that must be exactly one JSON object, reporting where it breaks. A repeated key is refused:
     * the validator and a listener's own parser could otherwise each see a different one of its values.
     */
    public static JsonNode parse(String rawJson) throws MalformedJsonException {
        try (JsonParser parser = JSON.createParser(rawJson)) {
            JsonNode node = JSON.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new MalformedJsonException("empty body", 1, 1);
            }
            if (!node.isObject()) {
                throw MalformedJsonException.notAnObject(node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            requireEnd(parser);
            return node;
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new MalformedJsonException(withoutBodyText(e.getOriginalMessage()),
                    location == null ? -1 : location.getLineNr(), location == null ? -1 : location.getColumnNr());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String cannot fail", e);
        }
    }
}
