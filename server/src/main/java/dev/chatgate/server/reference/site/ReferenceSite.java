package dev.chatgate.server.reference.site;

import dev.chatgate.core.spec.CallbackSpec;
import dev.chatgate.core.spec.CommandRegistry;
import dev.chatgate.core.spec.SpecExample;
import dev.chatgate.core.spec.SpecExamples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the callback reference, a static site, from the spec: {@code index.html} (every command, searchable),
 * {@code commands/<CallbackCommand>.html}, {@code schemas.html}, the stylesheet, the search script and the spec
 * itself. Run at build time: {@code java dev.chatgate.server.reference.site.ReferenceSite <output directory>}.
 */
public final class ReferenceSite {

    /** Where the site lives on the classpath of the jar this module builds. */
    public static final String CLASSPATH_ROOT = "chatgate/reference/callbacks/";

    private static final List<String> ASSETS = List.of("style.css", "search.js");

    private ReferenceSite() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ReferenceSite <output directory>");
        }
        int pages = write(CallbackSpec.bundled(), CommandRegistry.bundled(), Path.of(args[0]));
        System.out.println("Callback reference: " + pages + " command pages in " + Path.of(args[0]).toAbsolutePath());
    }

    /** Writes the whole site into {@code out}; returns the number of command pages. */
    public static int write(CallbackSpec spec, CommandRegistry registry, Path out) throws IOException {
        SchemaView view = new SchemaView(spec.schemas());
        FieldTable table = new FieldTable(view);
        List<SpecExample> examples = SpecExamples.listed(spec);
        List<CommandFacts> commands = registry.all().stream()
                .map(command -> CommandFacts.read(spec, command, view, table, examples)).toList();
        Files.createDirectories(out.resolve("commands"));
        for (CommandFacts command : commands) {
            Files.writeString(out.resolve(Html.commandPage(command.command())), CommandPage.render(command));
        }
        Files.writeString(out.resolve("index.html"),
                IndexPage.render(commands, spec.document().path("components").path("parameters")));
        Set<String> variants = new TreeSet<>(table.variantSchemas());
        Files.writeString(out.resolve("schemas.html"), SchemasPage.render(variants, view, table));
        for (String asset : ASSETS) {
            Files.writeString(out.resolve(asset), resource(ReferenceSite.class.getPackageName().replace('.', '/') + "/" + asset));
        }
        Files.writeString(out.resolve("callbacks.yaml"), resource(spec.resource()));
        return commands.size();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReferenceSite.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Not on the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
