package dev.chatgate.server.reference;

import java.util.regex.Pattern;

/** The 404 of the callback reference: what was not found, and where the list of commands is. */
final class NotFoundPage {

    private static final Pattern COMMAND_PAGE = Pattern.compile("commands/([^/]+)\\.html");

    private NotFoundPage() {
    }

    static String render(String path) {
        var command = COMMAND_PAGE.matcher(path);
        String what = command.matches()
                ? "No command <code>" + escape(command.group(1)) + "</code> in the callback reference: the spec does not know it."
                : "No page <code>" + escape(path) + "</code> in the callback reference.";
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found – chatgate callback "
                + "reference</title></head>\n<body><h1>Not found</h1>\n<p>" + what + "</p>\n<p>Every command is listed at "
                + "<a href=\"" + CallbackReferenceController.ROOT + "/\">" + CallbackReferenceController.ROOT
                + "/</a>.</p></body></html>\n";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
