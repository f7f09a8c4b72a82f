package dev.chatgate.server.reference.site;

import java.util.Set;

/** The shapes a conditional field can take (each message element's {@code MsgContent}), one section each. */
final class SchemasPage {

    private SchemasPage() {
    }

    static String render(Set<String> schemaNames, SchemaView view, FieldTable table) {
        StringBuilder body = new StringBuilder("<header class=\"top\"><a href=\"index.html\">Callback reference</a>"
                + " &rsaquo; Shared shapes</header>\n<main>\n<h1>Shared shapes</h1>\n<p>A field whose shape depends on "
                + "another one (<code>MsgContent</code> by <code>MsgType</code>) takes one of these.</p>\n<ul class=\"toc\">\n");
        schemaNames.forEach(name -> body.append("<li><a href=\"#").append(Html.escape(name)).append("\">")
                .append(Html.escape(name)).append("</a></li>\n"));
        body.append("</ul>\n");
        for (String name : schemaNames) {
            body.append("<section id=\"").append(Html.escape(name)).append("\">\n<h2><code>").append(Html.escape(name))
                    .append("</code></h2>\n<p>").append(Html.prose(view.description(view.named(name)))).append("</p>\n")
                    .append(FieldTableHtml.render(table.rows(view.named(name)), "")).append("</section>\n");
        }
        return Html.page("Shared shapes – chatgate callback reference", "", body.append("</main>").toString());
    }
}
