package dev.chatgate.server.docs;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the README and of docs/ resolves: the file or directory exists in the repository and, for
 * a link to a Markdown heading ({@code guarantees.md#order}), the heading does too. One test per page.
 */
class DocumentationLinksTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+)$", Pattern.MULTILINE);

    @TestFactory
    Stream<DynamicTest> everyRelativeLinkResolves() throws IOException {
        assertThat(REPOSITORY.resolve("README.md")).as("the repository root, from the module's directory").exists();
        List<Path> pages = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(REPOSITORY.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages.stream().map(page -> DynamicTest.dynamicTest(REPOSITORY.relativize(page).toString(),
                () -> assertThat(brokenLinks(page)).as("broken links in %s", REPOSITORY.relativize(page)).isEmpty()));
    }

    private static List<String> brokenLinks(Path page) {
        List<String> broken = new ArrayList<>();
        Matcher link = LINK.matcher(withoutCodeBlocks(read(page)));
        while (link.find()) {
            String target = link.group(1);
            if (target.matches("^[a-z]+:.*")) {
                continue;
            }
            String[] parts = target.split("#", 2);
            Path file = parts[0].isEmpty() ? page : page.getParent().resolve(parts[0]).normalize();
            if (!file.startsWith(REPOSITORY) || !Files.exists(file)) {
                broken.add(target + " (no such file)");
            } else if (parts.length == 2 && !anchors(file).contains(parts[1])) {
                broken.add(target + " (no such heading)");
            }
        }
        return broken;
    }

    /** GitHub's anchors: the heading in lower case, punctuation dropped, spaces as hyphens. */
    private static List<String> anchors(Path markdown) {
        List<String> out = new ArrayList<>();
        if (Files.isRegularFile(markdown) && markdown.toString().endsWith(".md")) {
            Matcher heading = HEADING.matcher(withoutCodeBlocks(read(markdown)));
            while (heading.find()) {
                out.add(heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return out;
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
