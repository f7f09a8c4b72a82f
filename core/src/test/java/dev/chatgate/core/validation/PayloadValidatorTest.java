package dev.chatgate.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatgate.core.spec.CallbackSpec;
import dev.chatgate.core.spec.SpecExample;
import dev.chatgate.core.spec.SpecExamples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadValidatorTest {

    private final PayloadValidator validator = PayloadValidator.bundled();

    private static ObjectNode example(String command) throws Exception {
        SpecExample first = SpecExamples.requestsOf(CallbackSpec.bundled(), command).get(0);
        return (ObjectNode) PayloadValidator.parse(first.json());
    }

    @ParameterizedTest(name = "{0}: {1} as a number is a type violation at {1}")
    @CsvSource({
            "C2C.CallbackBeforeSendMsg, /From_Account",
            "Group.CallbackAfterGroupInfoChanged, /GroupId",
            "Group.CallbackAfterGroupInfoChanged, /Operator_Account",
    })
    void aWrongTypeIsReportedAtItsPointer(String command, String pointer) throws Exception {
        ObjectNode body = example(command);
        body.put(pointer.substring(1), 12345);
        ValidationResult result = validator.validateRequest(command, body);
        assertThat(result.violations()).extracting(Violation::pointer, Violation::keyword)
                .contains(org.assertj.core.groups.Tuple.tuple(pointer, "type"));
    }

    @Test
    void aMissingCallbackCommandIsReportedAsRequired() throws Exception {
        ObjectNode body = example("Group.CallbackAfterGroupInfoChanged");
        body.remove("CallbackCommand");
        ValidationResult result = validator.validateRequest("Group.CallbackAfterGroupInfoChanged", body);
        assertThat(result.violations()).singleElement()
                .satisfies(v -> {
                    assertThat(v.pointer()).isEqualTo("/CallbackCommand");
                    assertThat(v.keyword()).isEqualTo("required");
                });
    }

    @Test
    void anotherCommandsNameInTheBodyIsAViolation() throws Exception {
        ObjectNode body = example("C2C.CallbackBeforeSendMsg");
        body.put("CallbackCommand", "C2C.CallbackAfterSendMsg");
        assertThat(validator.validateRequest("C2C.CallbackBeforeSendMsg", body).violations())
                .extracting(Violation::pointer, Violation::keyword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/CallbackCommand", "pattern"));
    }

    @Test
    void aTextElementWithoutTextIsReportedInsideTheElement() throws Exception {
        ObjectNode body = example("C2C.CallbackBeforeSendMsg");
        ArrayNode msgBody = body.putArray("MsgBody");
        msgBody.addObject().put("MsgType", "TIMTextElem").putObject("MsgContent").put("Txt", "typo");
        assertThat(validator.validateRequest("C2C.CallbackBeforeSendMsg", body).violations())
                .extracting(Violation::pointer, Violation::keyword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/MsgBody/0/MsgContent/Text", "required"));
    }

    @Test
    void anImageElementWithAStringSizeIsReportedAtTheVariant() throws Exception {
        ObjectNode body = example("C2C.CallbackBeforeSendMsg");
        ObjectNode content = body.putArray("MsgBody").addObject().put("MsgType", "TIMImageElem").putObject("MsgContent");
        content.putArray("ImageInfoArray").addObject().put("Type", 1).put("Size", "big");
        assertThat(validator.validateRequest("C2C.CallbackBeforeSendMsg", body).violations())
                .extracting(Violation::pointer)
                .containsExactly("/MsgBody/0/MsgContent/ImageInfoArray/0/Size");
    }

    // One per branch of TIMMsgElement's if/then/else chain, the last one included: each type meets its own schema.
    @ParameterizedTest
    @CsvSource({"TIMTextElem, Text", "TIMCustomElem, Data", "TIMImageElem, ImageFormat", "TIMFaceElem, Index",
            "TIMSoundElem, Size", "TIMFileElem, FileSize", "TIMVideoFileElem, VideoSize", "TIMLocationElem, Latitude",
            "TIMRelayElem, MsgNum"})
    void everyKnownElementTypeChecksItsContentAgainstItsOwnSchema(String type, String field) throws Exception {
        ObjectNode body = example("C2C.CallbackBeforeSendMsg");
        ObjectNode content = body.putArray("MsgBody").addObject().put("MsgType", type).putObject("MsgContent");
        // A value of the other kind than the field's: a number where a string belongs, a word where a number does.
        if (field.equals("Text") || field.equals("Data")) {
            content.put(field, 42);
        } else {
            content.put(field, "not a number");
        }
        assertThat(validator.validateRequest("C2C.CallbackBeforeSendMsg", body).violations())
                .extracting(Violation::pointer, Violation::keyword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/MsgBody/0/MsgContent/" + field, "type"));
    }

    @Test
    void anElementWithoutMsgTypeIsReported() throws Exception {
        ObjectNode body = example("C2C.CallbackBeforeSendMsg");
        body.putArray("MsgBody").addObject().putObject("MsgContent").put("Text", "x");
        assertThat(validator.validateRequest("C2C.CallbackBeforeSendMsg", body).violations())
                .extracting(Violation::pointer).containsExactly("/MsgBody/0/MsgType");
    }

    @Test
    void unknownFieldsAndUnknownElementTypesAreAccepted() throws Exception {
        ObjectNode body = example("C2C.CallbackBeforeSendMsg");
        body.put("FieldTencentAddsNextYear", true);
        body.putArray("MsgBody").addObject().put("MsgType", "TIMStreamElem").putObject("MsgContent").put("Any", 1);
        assertThat(validator.validateRequest("C2C.CallbackBeforeSendMsg", body).isValid()).isTrue();
    }

    @Test
    void eventTimeIsAcceptedAsNumberOrNumericStringButNotAsWords() throws Exception {
        ObjectNode body = example("Group.CallbackAfterGroupInfoChanged");
        body.put("EventTime", 1670574414123L);
        assertThat(validator.validateRequest("Group.CallbackAfterGroupInfoChanged", body).isValid()).isTrue();
        body.put("EventTime", "1670574414123");
        assertThat(validator.validateRequest("Group.CallbackAfterGroupInfoChanged", body).isValid()).isTrue();
        body.put("EventTime", "yesterday");
        assertThat(validator.validateRequest("Group.CallbackAfterGroupInfoChanged", body).violations())
                .extracting(Violation::pointer).containsExactly("/EventTime");
    }

    @Test
    void everyViolationIsReportedNotJustTheFirst() throws Exception {
        ObjectNode body = example("C2C.CallbackBeforeSendMsg");
        body.put("From_Account", 1).put("To_Account", 2).put("MsgSeq", "x");
        assertThat(validator.validateRequest("C2C.CallbackBeforeSendMsg", body).violations())
                .extracting(Violation::pointer).containsExactlyInAnyOrder("/From_Account", "/To_Account", "/MsgSeq");
    }

    @Test
    void answersAreValidatedAgainstTheCommandsResponseSchema() throws Exception {
        String bad = "{\"ActionStatus\":\"MAYBE\",\"ErrorCode\":0}";
        ValidationResult result = validator.validateResponse("C2C.CallbackBeforeSendMsg", bad);
        assertThat(result.violations()).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/ActionStatus", "/ErrorInfo");
    }

    @Test
    void malformedJsonReportsWhereItBreaks() {
        assertThatThrownBy(() -> PayloadValidator.parse("{\"a\": 1,\n \"b\": }"))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("line 2")
                .satisfies(e -> assertThat(((MalformedJsonException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> PayloadValidator.parse("")).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void aBodyIsExactlyOneJsonObjectWithNoKeyTwice() {
        assertThatThrownBy(() -> PayloadValidator.parse("{\"a\": 1} xyz")).hasMessageContaining("more after its JSON object");
        assertThatThrownBy(() -> PayloadValidator.parse("{\"a\": 1}{}")).hasMessageContaining("more after its JSON object");
        assertThatThrownBy(() -> PayloadValidator.parse("{\"a\": 1}\u0000")).hasMessageContaining("more after its JSON object");
        assertThatThrownBy(() -> PayloadValidator.parse("[1,2,3]")).hasMessageContaining("a JSON array, not a JSON object");
        assertThatThrownBy(() -> PayloadValidator.parse("{\"a\": 1, \"a\": 2}")).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void anUnknownCommandHasNoSchema() {
        assertThat(validator.knows("Group.CallbackSomethingNew")).isFalse();
        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        assertThatThrownBy(() -> validator.validateRequest("Group.CallbackSomethingNew", body))
                .hasMessageContaining("unknown command Group.CallbackSomethingNew");
    }
}
