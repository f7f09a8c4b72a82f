package dev.chatgate.core.spec;

import dev.chatgate.model.C2CCallbackBeforeSendMsg;
import dev.chatgate.model.C2CCallbackBeforeSendMsgResponse;
import dev.chatgate.model.CallbackAck;
import dev.chatgate.model.GroupCallbackAfterGroupInfoChanged;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRegistryTest {

    private final CommandRegistry registry = CommandRegistry.bundled();

    @Test
    void beforeCallbackCarriesItsModelsSchemasAndDecisionRules() {
        CommandDescriptor d = registry.find("C2C.CallbackBeforeSendMsg").orElseThrow();
        assertThat(d.kind()).isEqualTo(CallbackKind.BEFORE);
        assertThat(d.category()).isEqualTo("one-to-one message");
        assertThat(d.requestModel()).isEqualTo(C2CCallbackBeforeSendMsg.class);
        assertThat(d.responseModel()).isEqualTo(C2CCallbackBeforeSendMsgResponse.class);
        assertThat(d.requestSchemaPointer()).isEqualTo("/components/schemas/C2C.CallbackBeforeSendMsg");
        assertThat(d.decisionRules().denyCode()).hasValue(1);
        assertThat(d.decisionRules().clientErrorOnDeny()).hasValue(20006);
        assertThat(d.decisionRules().discardCode()).hasValue(2);
        assertThat(d.decisionRules().isCustomDenyCode(120001)).isTrue();
        assertThat(d.decisionRules().isCustomDenyCode(130001)).isFalse();
        assertThat(d.carriesCommandInBody()).isTrue();
        assertThat(d.decisionRules().understands(2)).isTrue();
        assertThat(d.decisionRules().understands(3)).isFalse();
        assertThat(d.decisionRules().understoodCodes())
                .isEqualTo("0 (allow), 1 (deny), 2 (discard), [120001, 130000] (custom refusal)");
    }

    @Test
    void afterCallbackAnswersWithTheEnvelopeOnly() {
        CommandDescriptor d = registry.find("Group.CallbackAfterGroupInfoChanged").orElseThrow();
        assertThat(d.kind()).isEqualTo(CallbackKind.AFTER);
        assertThat(d.requestModel()).isEqualTo(GroupCallbackAfterGroupInfoChanged.class);
        assertThat(d.responseModel()).isEqualTo(CallbackAck.class);
        assertThat(d.decisionRules()).isEqualTo(DecisionRules.NONE);
    }

    @Test
    void unknownOrMissingCommandsAreAnsweredUnknownNotThrown() {
        assertThat(registry.find("Group.CallbackSomethingNew")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
        assertThat(registry.find("")).isEmpty();
        assertThat(registry.isKnown("c2c.callbackbeforesendmsg")).as("lookup is exact").isFalse();
    }

    /** Tencent labels eleven "before"; Chatbot.OnC2CSignalMessage is unlabelled but its answer (RspData) is used. */
    @Test
    void twelveCommandsWhoseAnswerMattersAndTheRestAfter() {
        List<String> before = registry.all().stream().filter(CommandDescriptor::isBefore)
                .map(CommandDescriptor::command).toList();
        assertThat(before).hasSize(12).contains("Chatbot.OnC2CSignalMessage", "Group.CallbackBeforeCreateTopic");
        assertThat(registry.size()).isEqualTo(61);
    }

    @Test
    void modelNamesFollowTheGeneratorsRule() {
        assertThat(ModelNames.simpleClassName("Group.CallbackAfterSendMsg")).isEqualTo("GroupCallbackAfterSendMsg");
        assertThat(ModelNames.simpleClassName("C2C.CallbackBeforeSendMsg.Response"))
                .isEqualTo("C2CCallbackBeforeSendMsgResponse");
    }
}
