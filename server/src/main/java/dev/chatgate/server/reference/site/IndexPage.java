package dev.chatgate.server.reference.site;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The list of every command, with a search box that filters it as you type, and the query every callback carries. */
final class IndexPage {

    private IndexPage() {
    }

    static String render(List<CommandFacts> commands, JsonNode parameters) {
        long before = commands.stream().filter(c -> c.descriptor().isBefore()).count();
        StringBuilder body = new StringBuilder("<header class=\"top\">Callback reference</header>\n<main>\n");
        body.append("<h1>Tencent Cloud Chat callbacks</h1>\n<p>Every callback chatgate knows, generated from its spec "
                        + "(<a href=\"callbacks.yaml\">callbacks.yaml</a>): ").append(commands.size())
                .append(" commands, ").append(before).append(" before-callbacks (the answer decides) and ")
                .append(commands.size() - before).append(" after-callbacks (the answer is ignored). A command not listed"
                        + " here is answered OK and stored, so a new Tencent callback never blocks traffic.</p>\n");
        body.append("<p class=\"search\"><label for=\"search\">Search</label> <input id=\"search\" type=\"search\" "
                + "autocomplete=\"off\" placeholder=\"command, category or field, e.g. GroupId\"> "
                + "<span id=\"count\" aria-live=\"polite\">" + commands.size() + " of " + commands.size()
                + " commands</span></p>\n");
        body.append("<table id=\"commands\">\n<thead><tr><th>Command</th><th>Kind</th><th>Category</th><th>What it is</th>"
                + "</tr></thead>\n<tbody>\n");
        commands.stream().sorted(Comparator.comparing(CommandFacts::command)).forEach(c -> body
                .append("<tr data-search=\"").append(Html.escape(searchText(c))).append("\"><td><a href=\"")
                .append(Html.escape(Html.commandPage(c.command()))).append("\"><code>").append(Html.escape(c.command()))
                .append("</code></a></td><td><span class=\"kind ").append(c.kind()).append("\">").append(c.kind())
                .append("</span></td><td>").append(Html.escape(c.descriptor().category())).append("</td><td>")
                .append(Html.prose(c.summary())).append("</td></tr>\n"));
        body.append("</tbody>\n</table>\n<p id=\"nothing\" hidden>No command matches.</p>\n");
        body.append("<h2 id=\"query\">The query of every callback</h2>\n<p>Tencent POSTs each callback to the webhook "
                + "URL with these query parameters; the body is the command's JSON.</p>\n").append(parameters(parameters));
        body.append("<p>Message element shapes (<code>MsgContent</code> by <code>MsgType</code>) are on "
                + "<a href=\"schemas.html\">their own page</a>.</p>\n</main>\n<script src=\"search.js\"></script>");
        return Html.page("chatgate callback reference", "", body.toString());
    }

    /** What the search box matches: the command, its kind and category, its summary and its field names. */
    static String searchText(CommandFacts command) {
        String fields = command.fields().stream().map(Field::name).distinct().collect(Collectors.joining(" "));
        return String.join(" ", command.command(), command.kind(), command.descriptor().category(), command.summary(),
                fields).toLowerCase(Locale.ROOT);
    }

    private static String parameters(JsonNode parameters) {
        StringBuilder out = new StringBuilder("<table class=\"fields\">\n<thead><tr><th>Parameter</th><th>Required</th>"
                + "<th>Description</th><th>Example</th></tr></thead>\n<tbody>\n");
        parameters.fields().forEachRemaining(p -> {
            JsonNode param = p.getValue();
            out.append("<tr><td><code>").append(Html.escape(param.path("name").asText(p.getKey()))).append("</code></td><td>")
                    .append(param.path("required").asBoolean() ? "required" : "").append("</td><td>")
                    .append(Html.prose(param.path("description").asText(""))).append("</td><td><code>")
                    .append(Html.escape(param.path("example").asText(""))).append("</code></td></tr>\n");
        });
        return out.append("</tbody>\n</table>\n").toString();
    }
}
