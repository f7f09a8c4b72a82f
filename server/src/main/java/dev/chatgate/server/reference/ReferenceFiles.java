package dev.chatgate.server.reference;

import dev.chatgate.server.reference.site.ReferenceSite;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files of the callback reference on the classpath (generated at build time by the callback-reference
 * module), looked up by their path under {@code /docs/callbacks/}. Only plain names of the site's own kinds of
 * file are looked up, so no request reaches anything else on the classpath.
 */
@Singleton
public final class ReferenceFiles {

    /** One or two segments of letters, digits, dots, dashes and underscores, each starting with a letter or digit. */
    private static final Pattern SITE_PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,150}(/[A-Za-z0-9][A-Za-z0-9._-]{0,150})?");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "yaml", "application/yaml; charset=utf-8");

    /** A file of the site. */
    public record File(byte[] content, String contentType) {
    }

    public Optional<File> find(String path) {
        if (path == null || !SITE_PATH.matcher(path).matches()) {
            return Optional.empty();
        }
        String type = CONTENT_TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = ReferenceFiles.class.getClassLoader()
                .getResourceAsStream(ReferenceSite.CLASSPATH_ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(new File(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the callback reference's " + path, e);
        }
    }

    /** The page of a command, if the spec has one by that name. */
    public Optional<String> commandPage(String command) {
        String page = "commands/" + command + ".html";
        return command != null && !command.contains("/") && find(page).isPresent() ? Optional.of(page) : Optional.empty();
    }
}
