package dev.chatgate.core.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One example listed in the spec with {@code externalValue}.
 *
 * @param command  the command it belongs to
 * @param name     the example's name in the spec ({@code minimal}, {@code deny-custom}, ...)
 * @param answer   true for an answer example, false for a request body
 * @param path     path relative to the spec, e.g. {@code examples/Group.CallbackAfterSendMsg/minimal.json}
 */
public record SpecExample(String command, String name, boolean answer, String path) {

    /** Classpath location of the file. */
    public String resource() {
        return "spec/" + path;
    }

    /** The file's JSON text. */
    public String json() {
        try (InputStream in = SpecExample.class.getClassLoader().getResourceAsStream(resource())) {
            if (in == null) {
                throw new IllegalStateException("Example listed in the spec but not on the classpath: " + resource());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return path;
    }
}
