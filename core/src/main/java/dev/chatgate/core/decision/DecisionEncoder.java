package dev.chatgate.core.decision;

import dev.chatgate.api.Decision;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.core.spec.DecisionRules;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns a {@link Decision} into the JSON answer Tencent expects for that command, checking it fits. */
public final class DecisionEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final io.micronaut.serde.ObjectMapper models;

    public DecisionEncoder(io.micronaut.serde.ObjectMapper models) {
        this.models = models;
    }

    public ObjectNode encode(CommandDescriptor command, Decision<?> decision) {
        DecisionRules rules = command.decisionRules();
        if (decision instanceof Decision.Allow<?>) {
            return Envelope.ok();
        }
        if (decision instanceof Decision.Deny<?> deny) {
            int code = rules.denyCode().orElseThrow(() -> invalid(command, "has no generic refusal code"));
            return Envelope.ok(code, deny.reason());
        }
        if (decision instanceof Decision.Discard<?>) {
            int code = rules.discardCode().orElseThrow(() -> invalid(command, "cannot discard silently"));
            return Envelope.ok(code, "");
        }
        if (decision instanceof Decision.DenyWithCode<?> custom) {
            if (!rules.isCustomDenyCode(custom.errorCode())) {
                throw invalid(command, "accepts custom refusal codes in " + rules.customDenyRangeText()
                        + ", not " + custom.errorCode());
            }
            return Envelope.ok(custom.errorCode(), custom.errorInfo());
        }
        if (decision instanceof Decision.Fail<?> failure) {
            return Envelope.fail(failure.errorCode(), failure.errorInfo());
        }
        Object fields = ((Decision.AllowWith<?>) decision).answerFields();
        if (!command.responseModel().isInstance(fields)) {
            throw invalid(command, "answers with " + command.responseModel().getSimpleName() + ", not "
                    + fields.getClass().getSimpleName());
        }
        return Envelope.stamp(toObject(fields), Envelope.OK, 0, "");
    }

    private ObjectNode toObject(Object model) {
        try {
            JsonNode node = JSON.readTree(models.writeValueAsBytes(model));
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write answer " + model.getClass().getSimpleName(), e);
        }
    }

    private static InvalidDecisionException invalid(CommandDescriptor command, String what) {
        return new InvalidDecisionException(command.command() + " " + what);
    }
}
