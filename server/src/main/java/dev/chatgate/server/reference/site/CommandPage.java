package dev.chatgate.server.reference.site;

import java.util.List;

/** The page of one command: what it is, its fields, its examples, its answers and its keys. */
final class CommandPage {

    private static final String ROOT = "../";

    private CommandPage() {
    }

    static String render(CommandFacts facts) {
        StringBuilder body = new StringBuilder();
        body.append("<header class=\"top\"><a href=\"../index.html\">Callback reference</a> &rsaquo; ")
                .append(Html.escape(facts.command())).append("</header>\n<main>\n");
        body.append("<h1><code>").append(Html.escape(facts.command())).append("</code></h1>\n");
        body.append("<p class=\"meta\"><span class=\"kind ").append(facts.kind()).append("\">").append(facts.kind())
                .append("-callback</span> <span class=\"category\">").append(Html.escape(facts.descriptor().category()))
                .append("</span>");
        if (!facts.docUrl().isEmpty()) {
            body.append(" <a class=\"tencent\" href=\"").append(Html.escape(facts.docUrl()))
                    .append("\">Tencent's documentation</a>");
        }
        body.append("</p>\n<p class=\"summary\">").append(Html.prose(facts.summary())).append("</p>\n");
        body.append("<p>").append(Html.prose(facts.description())).append("</p>\n");
        body.append(java(facts));
        body.append("<h2 id=\"fields\">Fields</h2>\n").append(FieldTableHtml.render(facts.fields(), ROOT));
        body.append("<h2 id=\"examples\">Examples</h2>\n").append(examples(facts.requestExamples()));
        body.append("<h2 id=\"answer\">Answer</h2>\n").append(answer(facts));
        body.append("<h2 id=\"keys\">Dedupe and order</h2>\n<dl class=\"keys\">\n<dt>Dedupe key</dt><dd>")
                .append(Html.prose(facts.dedupeKey())).append("</dd>\n<dt>Order key</dt><dd>")
                .append(Html.prose(facts.orderKey())).append("</dd>\n</dl>\n</main>");
        return Html.page(facts.command() + " – chatgate callback reference", ROOT, body.toString());
    }

    private static String java(CommandFacts facts) {
        String request = facts.descriptor().requestModel().getSimpleName();
        String response = facts.descriptor().responseModel().getSimpleName();
        String contract = facts.descriptor().isBefore()
                ? "BeforeCallbackHandler&lt;" + request + ", " + response + "&gt;"
                : "AfterCallbackListener&lt;" + request + "&gt;";
        return "<p class=\"java\">In Java: implement <code>" + contract + "</code> (models in <code>dev.chatgate.model</code>).</p>\n";
    }

    private static String answer(CommandFacts facts) {
        if (!facts.descriptor().isBefore()) {
            return "<p>Tencent ignores the answer of an after-callback. chatgate answers "
                    + "<code>{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\"}</code> once the event is "
                    + "stored in its inbox, and 503 when it cannot store it, so that Tencent may send it again.</p>\n";
        }
        StringBuilder out = new StringBuilder("<p>").append(Html.prose(facts.answerDescription())).append("</p>\n");
        out.append("<table class=\"codes\">\n<thead><tr><th>ErrorCode</th><th>Meaning</th><th>In Java</th></tr></thead>\n<tbody>\n");
        for (AnswerCode code : facts.codes()) {
            out.append("<tr><td><code>").append(Html.escape(code.code())).append("</code></td><td>")
                    .append(Html.prose(code.meaning())).append("</td><td><code>").append(Html.escape(code.decision()))
                    .append("</code></td></tr>\n");
        }
        out.append("</tbody>\n</table>\n<h3>Answer fields</h3>\n").append(FieldTableHtml.render(facts.answerFields(), ROOT));
        return out.append("<h3>Answer examples</h3>\n").append(examples(facts.answerExamples())).toString();
    }

    private static String examples(List<Example> examples) {
        if (examples.isEmpty()) {
            return "<p>None in the spec.</p>\n";
        }
        StringBuilder out = new StringBuilder();
        for (Example example : examples) {
            out.append("<figure class=\"example\"><figcaption>").append(Html.escape(example.name()))
                    .append(" <span class=\"path\">").append(Html.escape(example.path())).append("</span></figcaption>")
                    .append("<pre><code>").append(Html.escape(example.json())).append("</code></pre></figure>\n");
        }
        return out.toString();
    }
}
