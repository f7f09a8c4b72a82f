package dev.chatgate.core.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The examples of the spec: those it lists, and the files actually shipped beside it. */
public final class SpecExamples {

    private static final String JSON = "application/json";

    private SpecExamples() {
    }

    /** Every example the document lists, requests first then answers, in document order. */
    public static List<SpecExample> listed(CallbackSpec spec) {
        List<SpecExample> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.webhooks().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> webhook = it.next();
            JsonNode operation = webhook.getValue().path("post");
            collect(out, webhook.getKey(), false, operation.path("requestBody").path("content").path(JSON));
            collect(out, webhook.getKey(), true,
                    operation.path("responses").path("200").path("content").path(JSON));
        }
        return out;
    }

    /** The request examples of one command. */
    public static List<SpecExample> requestsOf(CallbackSpec spec, String command) {
        return listed(spec).stream().filter(e -> !e.answer() && e.command().equals(command)).toList();
    }

    private static void collect(List<SpecExample> out, String command, boolean answer, JsonNode media) {
        media.path("examples").fields().forEachRemaining(example -> out.add(new SpecExample(command,
                example.getKey(), answer, example.getValue().path("externalValue").asText())));
    }

    /** Paths (relative to the spec) of every {@code .json} file under {@code examples/} on the classpath. */
    public static TreeSet<String> shippedFiles(CallbackSpec spec) {
        URL url = SpecExamples.class.getClassLoader().getResource(spec.resource());
        if (url == null) {
            throw new IllegalStateException("Spec not on the classpath: " + spec.resource());
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return walk(jar.getPath(spec.resource()).getParent());
                }
            }
            return walk(Path.of(uri).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TreeSet<String> walk(Path specDir) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        Path examples = specDir.resolve("examples");
        if (!Files.isDirectory(examples)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(examples)) {
            files.filter(p -> p.toString().endsWith(".json"))
                    .forEach(p -> out.add(specDir.relativize(p).toString().replace('\\', '/')));
        }
        return out;
    }
}
