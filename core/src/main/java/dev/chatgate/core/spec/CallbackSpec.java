package dev.chatgate.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI document of every callback, as shipped in the api-spec jar. Parsed once; everything that
 * knows about commands (registry, validator) reads it from here.
 */
public final class CallbackSpec {

    /** Classpath location of the document inside the api-spec jar. */
    public static final String RESOURCE = "spec/callbacks.yaml";

    private static final class Holder {
        static final CallbackSpec DEFAULT = load(RESOURCE);
    }

    private final String resource;
    private final JsonNode document;

    private CallbackSpec(String resource, JsonNode document) {
        this.resource = resource;
        this.document = document;
    }

    /** The document shipped with this build. */
    public static CallbackSpec bundled() {
        return Holder.DEFAULT;
    }

    /** Loads a document from the classpath; fails loudly if it is missing or not YAML. */
    public static CallbackSpec load(String classpathResource) {
        ClassLoader loader = CallbackSpec.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document not on the classpath: " + classpathResource);
            }
            return new CallbackSpec(classpathResource, new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read OpenAPI document " + classpathResource, e);
        }
    }

    public String resource() {
        return resource;
    }

    public JsonNode document() {
        return document;
    }

    public JsonNode webhooks() {
        return document.path("webhooks");
    }

    public JsonNode schemas() {
        return document.path("components").path("schemas");
    }

    /** JSON pointer of a component schema inside the document. */
    public static String schemaPointer(String schemaName) {
        return "/components/schemas/" + schemaName;
    }
}
