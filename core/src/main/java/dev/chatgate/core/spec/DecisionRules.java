package dev.chatgate.core.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.OptionalInt;

/**
 * The ErrorCode values a before-callback understands, from the operation's {@code x-decision}.
 *
 * @param denyCode         the generic refusal code (1), if the command has one
 * @param clientErrorOnDeny the error the client sees on a generic refusal, if documented
 * @param discardCode      the silent-discard code (2), if the command has one
 * @param customDenyMin    lowest code whose ErrorCode/ErrorInfo reach the client, if any
 * @param customDenyMax    highest such code
 */
public record DecisionRules(OptionalInt denyCode, OptionalInt clientErrorOnDeny, OptionalInt discardCode,
                            OptionalInt customDenyMin, OptionalInt customDenyMax) {

    public static final DecisionRules NONE = new DecisionRules(OptionalInt.empty(), OptionalInt.empty(),
            OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

    static DecisionRules fromSpec(JsonNode decision) {
        if (decision.isMissingNode()) {
            return NONE;
        }
        JsonNode range = decision.path("custom-deny-range");
        return new DecisionRules(
                intAt(decision.path("deny").path("code")),
                intAt(decision.path("deny").path("client-error")),
                intAt(decision.path("discard").path("code")),
                range.isArray() ? OptionalInt.of(range.get(0).asInt()) : OptionalInt.empty(),
                range.isArray() ? OptionalInt.of(range.get(1).asInt()) : OptionalInt.empty());
    }

    private static OptionalInt intAt(JsonNode node) {
        return node.isIntegralNumber() ? OptionalInt.of(node.asInt()) : OptionalInt.empty();
    }

    public boolean canDiscard() {
        return discardCode.isPresent();
    }

    public boolean hasCustomDenyRange() {
        return customDenyMin.isPresent();
    }

    public boolean isCustomDenyCode(int code) {
        return hasCustomDenyRange() && code >= customDenyMin.getAsInt() && code <= customDenyMax.getAsInt();
    }

    /** Whether Tencent gives {@code code} a meaning for this command: allow, refusal, discard or custom refusal. */
    public boolean understands(int code) {
        return code == 0 || denyCode.orElse(0) == code || discardCode.orElse(0) == code || isCustomDenyCode(code);
    }

    /** The codes the command understands, for messages: "0 (allow), 1 (deny), ...". */
    public String understoodCodes() {
        StringBuilder out = new StringBuilder("0 (allow)");
        denyCode.ifPresent(c -> out.append(", ").append(c).append(" (deny)"));
        discardCode.ifPresent(c -> out.append(", ").append(c).append(" (discard)"));
        if (hasCustomDenyRange()) {
            out.append(", ").append(customDenyRangeText()).append(" (custom refusal)");
        }
        return out.toString();
    }

    /** "[min, max]" or "none", for messages. */
    public String customDenyRangeText() {
        return hasCustomDenyRange() ? "[" + customDenyMin.getAsInt() + ", " + customDenyMax.getAsInt() + "]" : "none";
    }
}
