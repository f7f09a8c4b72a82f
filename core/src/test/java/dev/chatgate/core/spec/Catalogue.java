package dev.chatgate.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The research catalogue of Tencent's commands, the yardstick of coverage: the project's own copy under
 * {@code src/test/resources/catalogue/} (see SOURCE.md there).
 */
final class Catalogue {

    static final String MAIN = "catalogue/catalogue.json";
    static final String ADDITIONS_269 = "catalogue/additions-269.json";

    private Catalogue() {
    }

    /** command -> "before" | "after", as the catalogue file {@code resource} says. */
    static Map<String, String> kinds(String resource) {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("catalogue " + resource + " is not on the test classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, String> out = new LinkedHashMap<>();
            root.path("commands").forEach(c -> out.put(c.path("command").asText(), c.path("kind").asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalogue " + resource, e);
        }
    }

    /** Every command the spec must cover: those of {@link #MAIN} and of {@link #ADDITIONS_269}, each once. */
    static Map<String, String> kinds() {
        Map<String, String> all = new LinkedHashMap<>(kinds(MAIN));
        kinds(ADDITIONS_269).forEach((command, kind) -> {
            if (all.putIfAbsent(command, kind) != null) {
                throw new IllegalStateException(command + " is in both " + MAIN + " and " + ADDITIONS_269);
            }
        });
        return all;
    }
}
