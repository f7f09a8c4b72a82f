package dev.chatgate.core.decision;

import dev.chatgate.api.Decision;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.core.spec.CommandRegistry;
import dev.chatgate.core.validation.PayloadValidator;
import dev.chatgate.model.C2CCallbackBeforeSendMsgResponse;
import dev.chatgate.model.GroupCallbackBeforeSendMsgResponse;
import dev.chatgate.model.TIMMsgElement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionEncoderTest {

    private final CommandRegistry registry = CommandRegistry.bundled();
    private final PayloadValidator validator = PayloadValidator.bundled();
    private final DecisionEncoder encoder = new DecisionEncoder(dev.chatgate.core.binding.ModelMapper.shared());
    private final CommandDescriptor c2c = registry.find("C2C.CallbackBeforeSendMsg").orElseThrow();

    private ObjectNode encodeValid(CommandDescriptor command, Decision<?> decision) {
        ObjectNode answer = encoder.encode(command, decision);
        assertThat(validator.validateResponse(command.command(), answer).violations())
                .as("answer " + answer + " fits the response schema").isEmpty();
        return answer;
    }

    @Test
    void allowIsTheZeroEnvelopeWithAllThreeFields() {
        assertThat(encodeValid(c2c, Decision.allow()).toString())
                .isEqualTo("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\"}");
    }

    @Test
    void denyUsesTheCommandsGenericCode() {
        ObjectNode answer = encodeValid(c2c, Decision.deny("spam"));
        assertThat(answer.path("ErrorCode").asInt()).isEqualTo(1);
        assertThat(answer.path("ActionStatus").asText()).isEqualTo("OK");
    }

    @Test
    void discardUsesCodeTwoWhereTheCommandHasIt() {
        assertThat(encodeValid(c2c, Decision.discard()).path("ErrorCode").asInt()).isEqualTo(2);
    }

    @Test
    void discardIsRefusedWhereTheCommandCannotDiscard() {
        CommandDescriptor createGroup = registry.find("Group.CallbackBeforeCreateGroup").orElseThrow();
        assertThatThrownBy(() -> encoder.encode(createGroup, Decision.discard()))
                .isInstanceOf(InvalidDecisionException.class)
                .hasMessage("Group.CallbackBeforeCreateGroup cannot discard silently");
    }

    @Test
    void aCustomCodeInsideTheRangeCarriesItsText() {
        ObjectNode answer = encodeValid(c2c, Decision.denyWithCode(120001, "muted"));
        assertThat(answer.path("ErrorCode").asInt()).isEqualTo(120001);
        assertThat(answer.path("ErrorInfo").asText()).isEqualTo("muted");
    }

    @Test
    void aCustomCodeOutsideTheCommandsRangeIsRefusedNamingTheRange() {
        CommandDescriptor group = registry.find("Group.CallbackBeforeSendMsg").orElseThrow();
        assertThatThrownBy(() -> encoder.encode(group, Decision.denyWithCode(120001, "muted")))
                .isInstanceOf(InvalidDecisionException.class)
                .hasMessage("Group.CallbackBeforeSendMsg accepts custom refusal codes in [10100, 10200], not 120001");
        assertThat(encodeValid(group, Decision.denyWithCode(10200, "muted")).path("ErrorCode").asInt())
                .isEqualTo(10200);
    }

    @Test
    void allowWithAModifiedMessageWritesTheNewBodyAndZeroCode() {
        C2CCallbackBeforeSendMsgResponse fields = new C2CCallbackBeforeSendMsgResponse(
                C2CCallbackBeforeSendMsgResponse.ActionStatusEnum.FAIL, 99, "ignored")
                .msgBody(List.of(new TIMMsgElement("TIMTextElem", Map.of("Text", "***"))))
                .cloudCustomData("rewritten");
        ObjectNode answer = encodeValid(c2c, Decision.allowWith(fields));
        assertThat(answer.path("ErrorCode").asInt()).as("envelope set on the fields is ignored").isZero();
        assertThat(answer.path("ActionStatus").asText()).isEqualTo("OK");
        assertThat(answer.path("MsgBody").get(0).path("MsgContent").path("Text").asText()).isEqualTo("***");
        assertThat(answer.path("CloudCustomData").asText()).isEqualTo("rewritten");
    }

    @Test
    void allowWithAnotherCommandsAnswerIsRefused() {
        assertThatThrownBy(() -> encoder.encode(c2c, Decision.allowWith(
                new GroupCallbackBeforeSendMsgResponse(GroupCallbackBeforeSendMsgResponse.ActionStatusEnum.OK, 0, ""))))
                .isInstanceOf(InvalidDecisionException.class)
                .hasMessage("C2C.CallbackBeforeSendMsg answers with C2CCallbackBeforeSendMsgResponse, "
                        + "not GroupCallbackBeforeSendMsgResponse");
    }

    @Test
    void aBackendFailureIsAFailEnvelopeWithItsCode() {
        CommandDescriptor sns = registry.find("Sns.CallbackPrevFriendAdd").orElseThrow();
        ObjectNode answer = encodeValid(sns, Decision.fail(38500, "relationship service down"));
        assertThat(answer.toString())
                .isEqualTo("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":38500,\"ErrorInfo\":\"relationship service down\"}");
        assertThatThrownBy(() -> Decision.fail(0, "x")).hasMessage("a failure needs a non-zero ErrorCode");
    }

    @Test
    void envelopeHelpersAlwaysWriteAllThreeFields() {
        assertThat(Envelope.fail(401, "bad signature").toString())
                .isEqualTo("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":401,\"ErrorInfo\":\"bad signature\"}");
        assertThat(Envelope.ok(0, null).path("ErrorInfo").isTextual()).isTrue();
    }
}
