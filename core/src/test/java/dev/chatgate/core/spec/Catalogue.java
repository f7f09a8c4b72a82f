package dev.chatgate.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The research catalogue of Tencent's commands (shared/, read-only), the yardstick of coverage. */
final class Catalogue {

    private Catalogue() {
    }

    /** command -> "before" | "after", as the catalogue says. */
    static Map<String, String> kinds() throws IOException {
        String location = System.getProperty("chatgate.catalogue");
        if (location == null) {
            throw new IllegalStateException("system property chatgate.catalogue is not set (surefire sets it)");
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("catalogue not found at " + path.toAbsolutePath()
                    + ": the shared/ folder must sit beside the project");
        }
        JsonNode root = new ObjectMapper().readTree(path.toFile());
        Map<String, String> out = new LinkedHashMap<>();
        root.path("commands").forEach(c -> out.put(c.path("command").asText(), c.path("kind").asText()));
        return out;
    }
}
