package dev.chatgate.core.spec;

import java.util.List;

/**
 * Everything the spec says about one callback command.
 *
 * @param command        the exact CallbackCommand, e.g. {@code Group.CallbackAfterSendMsg}
 * @param kind           before (the answer decides) or after (the answer is ignored)
 * @param category       the family, as the spec's {@code x-callback-category} says
 * @param requestSchema  name of the request body schema under components/schemas
 * @param responseSchema name of the answer schema under components/schemas
 * @param requestModel   the generated model class of the request body
 * @param responseModel  the generated model class of the answer
 * @param decisionRules  the ErrorCode values the command understands (NONE for after-callbacks)
 * @param carriesCommandInBody whether the body has a top-level CallbackCommand (not Push.*, not moderation results)
 * @param dedupePointers JSON pointers whose values identify one event ({@code x-dedupe-key}); empty: the whole body
 */
public record CommandDescriptor(String command, CallbackKind kind, String category,
                                String requestSchema, String responseSchema,
                                Class<?> requestModel, Class<?> responseModel,
                                DecisionRules decisionRules, boolean carriesCommandInBody,
                                List<String> dedupePointers) {

    public CommandDescriptor {
        dedupePointers = List.copyOf(dedupePointers);
    }

    public boolean isBefore() {
        return kind == CallbackKind.BEFORE;
    }

    public String requestSchemaPointer() {
        return CallbackSpec.schemaPointer(requestSchema);
    }

    public String responseSchemaPointer() {
        return CallbackSpec.schemaPointer(responseSchema);
    }
}
