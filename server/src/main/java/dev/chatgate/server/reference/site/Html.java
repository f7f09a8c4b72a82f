package dev.chatgate.server.reference.site;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Escaping for the generated pages; the spec's text may hold {@code <}, {@code &} and Markdown code spans. */
final class Html {

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escaped text with the spec's Markdown code spans as {@code <code>}. */
    static String prose(String text) {
        Matcher m = CODE_SPAN.matcher(escape(text.strip()));
        return m.replaceAll(r -> "<code>" + Matcher.quoteReplacement(r.group(1)) + "</code>");
    }

    /** The file name of a command's page, relative to the site's root. */
    static String commandPage(String command) {
        return "commands/" + command + ".html";
    }

    static String page(String title, String rootPrefix, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + rootPrefix + "style.css\">\n"
                + "</head>\n<body>\n" + body + "\n</body>\n</html>\n";
    }
}
