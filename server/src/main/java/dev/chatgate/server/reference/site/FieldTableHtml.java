package dev.chatgate.server.reference.site;

import java.util.List;

/** A field table as HTML: one row per field, nested ones indented, variants linked to the schemas page. */
final class FieldTableHtml {

    private FieldTableHtml() {
    }

    static String render(List<Field> fields, String rootPrefix) {
        if (fields.isEmpty()) {
            return "<p>No fields.</p>\n";
        }
        StringBuilder out = new StringBuilder("<table class=\"fields\">\n<thead><tr><th>Field</th><th>Type</th>"
                + "<th>Required</th><th>Description</th><th>Also spelled</th></tr></thead>\n<tbody>\n");
        for (Field field : fields) {
            out.append("<tr class=\"depth-").append(Math.min(field.depth(), 4)).append("\">")
                    .append("<td class=\"field\"><code>").append(Html.escape(field.path())).append("</code></td>")
                    .append("<td class=\"type\">").append(Html.escape(field.type())).append(variants(field, rootPrefix))
                    .append("</td><td class=\"required\">").append(field.required() ? "required" : "")
                    .append("</td><td>").append(Html.prose(field.description()))
                    .append("</td><td>").append(String.join(", ",
                            field.aliases().stream().map(a -> "<code>" + Html.escape(a) + "</code>").toList()))
                    .append("</td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    private static String variants(Field field, String rootPrefix) {
        if (field.variants().isEmpty()) {
            return "";
        }
        return ": " + String.join(", ", field.variants().stream().map(v -> "<a href=\"" + rootPrefix + "schemas.html#"
                + Html.escape(v) + "\">" + Html.escape(v) + "</a>").toList());
    }
}
