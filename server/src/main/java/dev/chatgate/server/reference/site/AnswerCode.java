package dev.chatgate.server.reference.site;

import dev.chatgate.core.spec.DecisionRules;

import java.util.ArrayList;
import java.util.List;

/**
 * One answer a before-callback may give, from the command's {@code x-decision}: the ErrorCode, what Chat does
 * with it, and the {@code Decision} a Java handler returns for it.
 */
record AnswerCode(String code, String meaning, String decision) {

    static List<AnswerCode> of(DecisionRules rules, List<String> answerFields) {
        List<AnswerCode> out = new ArrayList<>();
        out.add(new AnswerCode("0", "Allow: the event proceeds unchanged.", "Decision.allow()"));
        if (!answerFields.isEmpty()) {
            out.add(new AnswerCode("0", "Allow with the answer's own fields: " + String.join(", ", answerFields) + ".",
                    "Decision.allowWith(fields)"));
        }
        rules.denyCode().ifPresent(code -> out.add(new AnswerCode(String.valueOf(code),
                "Refuse" + rules.clientErrorOnDeny().stream().mapToObj(e -> "; the client sees error " + e)
                        .findFirst().orElse("") + ".", "Decision.deny()")));
        rules.discardCode().ifPresent(code -> out.add(new AnswerCode(String.valueOf(code),
                "Discard silently: the sender is told it succeeded.", "Decision.discard()")));
        if (rules.hasCustomDenyRange()) {
            out.add(new AnswerCode(rules.customDenyRangeText(),
                    "A code of your own in this range, with ErrorInfo (what Chat does with it: the answer's"
                            + " description above).", "Decision.denyWithCode(code, text)"));
        }
        out.add(new AnswerCode("any, with ActionStatus FAIL",
                "The backend could not decide: Chat applies its own default.", "Decision.fail(code, text)"));
        return out;
    }
}
