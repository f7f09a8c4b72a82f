package dev.chatgate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgate.core.spec.CommandRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void theSameBodyWithKeysInAnotherOrderAndSpacingHasTheSameKey() throws Exception {
        String a = EventKeys.dedupeKey("1", "Sns.CallbackFriendAdd", List.of(), json("{\"a\":1,\"b\":{\"y\":[1,2],\"x\":\"s\"}}"));
        String b = EventKeys.dedupeKey("1", "Sns.CallbackFriendAdd", List.of(), json("{ \"b\": {\"x\":\"s\", \"y\":[1, 2]}, \"a\":1 }"));
        assertThat(a).isEqualTo(b).hasSize(64);
    }

    @Test
    void distinctEventsNeverShareAKey() throws Exception {
        String one = EventKeys.dedupeKey("1", "Group.CallbackAfterGroupInfoChanged", List.of(),
                json("{\"GroupId\":\"g\",\"Name\":\"a\",\"EventTime\":1}"));
        String two = EventKeys.dedupeKey("1", "Group.CallbackAfterGroupInfoChanged", List.of(),
                json("{\"GroupId\":\"g\",\"Name\":\"a\",\"EventTime\":2}"));
        String otherApp = EventKeys.dedupeKey("2", "Group.CallbackAfterGroupInfoChanged", List.of(),
                json("{\"GroupId\":\"g\",\"Name\":\"a\",\"EventTime\":1}"));
        assertThat(one).isNotEqualTo(two).isNotEqualTo(otherApp);
    }

    @Test
    void theSpecsDedupeFieldsIdentifyAMessageWhateverElseDiffers() throws Exception {
        var command = CommandRegistry.bundled().find("C2C.CallbackAfterSendMsg").orElseThrow();
        assertThat(command.dedupePointers()).containsExactly("/MsgKey");
        String first = EventKeys.dedupeKey("1", command, json("{\"MsgKey\":\"1_2_3\",\"SendMsgResult\":0}"));
        String retried = EventKeys.dedupeKey("1", command, json("{\"MsgKey\":\"1_2_3\",\"SendMsgResult\":0,\"New\":true}"));
        String other = EventKeys.dedupeKey("1", command, json("{\"MsgKey\":\"1_2_4\",\"SendMsgResult\":0}"));
        assertThat(first).isEqualTo(retried).isNotEqualTo(other);
    }

    @Test
    void aRetriedMessageKeepsItsKeyWhenItsEventTimeDiffers() throws Exception {
        var command = CommandRegistry.bundled().find("Group.CallbackAfterSendMsg").orElseThrow();
        String first = EventKeys.dedupeKey("1", command,
                json("{\"GroupId\":\"g\",\"MsgSeq\":7,\"MsgTime\":1700000000,\"EventTime\":1700000000100}"));
        String retried = EventKeys.dedupeKey("1", command,
                json("{\"GroupId\":\"g\",\"MsgSeq\":7,\"MsgTime\":1700000000,\"EventTime\":1700000003500}"));
        assertThat(retried).isEqualTo(first).hasSize(64);
    }

    @Test
    void keysLeadWithTheEventsTimeSoLaterEventsSortAfterEarlierOnes() throws Exception {
        var message = CommandRegistry.bundled().find("C2C.CallbackAfterSendMsg").orElseThrow();
        String earlier = EventKeys.dedupeKey("1", message, json("{\"MsgKey\":\"9_1_1700000000\",\"MsgTime\":1700000000}"));
        String later = EventKeys.dedupeKey("1", message, json("{\"MsgKey\":\"1_1_1700000001\",\"MsgTime\":1700000001}"));
        assertThat(earlier).startsWith(String.format("%016x", 1_700_000_000_000L));
        assertThat(later).isGreaterThan(earlier);

        String byNumber = EventKeys.dedupeKey("1", "Group.CallbackAfterGroupFull", List.of(),
                json("{\"GroupId\":\"g\",\"EventTime\":1670574414123}"));
        String byString = EventKeys.dedupeKey("1", "Group.CallbackAfterGroupFull", List.of(),
                json("{\"GroupId\":\"g\",\"EventTime\":\"1670574414124\"}"));
        assertThat(byNumber).startsWith(String.format("%016x", 1_670_574_414_123L));
        assertThat(byString).startsWith(String.format("%016x", 1_670_574_414_124L)).isGreaterThan(byNumber);

        String timeless = EventKeys.dedupeKey("1", "ContentCallback.ResultNotify", List.of(),
                json("{\"EventTime\":\"soon\",\"MsgTime\":-5}"));
        assertThat(timeless).as("no usable time: the key still identifies the body").startsWith("0".repeat(16)).hasSize(64)
                .isNotEqualTo(EventKeys.dedupeKey("1", "ContentCallback.ResultNotify", List.of(),
                        json("{\"EventTime\":\"later\",\"MsgTime\":-5}")));
    }

    @Test
    void aBodyMissingTheDedupeFieldsFallsBackToTheWholeBody() throws Exception {
        var command = CommandRegistry.bundled().find("Group.CallbackAfterSendMsg").orElseThrow();
        String a = EventKeys.dedupeKey("1", command, json("{\"GroupId\":\"g\",\"Text\":\"a\"}"));
        String b = EventKeys.dedupeKey("1", command, json("{\"GroupId\":\"g\",\"Text\":\"b\"}"));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void orderKeysFollowTheGroupTheChannelOrTheConversationInEitherDirection() throws Exception {
        assertThat(EventKeys.orderKey("1", json("{\"GroupId\":\"@TGS#1\",\"From_Account\":\"a\"}"), "d")).isEqualTo("1:group:@TGS#1");
        assertThat(EventKeys.orderKey("1", json("{\"Official_Account\":\"@TOA#_1\"}"), "d")).isEqualTo("1:channel:@TOA#_1");
        assertThat(EventKeys.orderKey("1", json("{\"From_Account\":\"bob\",\"To_Account\":\"ann\"}"), "d"))
                .isEqualTo(EventKeys.orderKey("1", json("{\"From_Account\":\"ann\",\"To_Account\":\"bob\"}"), "d"))
                .isEqualTo("1:c2c:ann|bob");
        assertThat(EventKeys.orderKey("1", json("{\"Tag\":\"x\"}"), "d")).isEqualTo("1:event:d");
    }

    @Test
    void twoEditsOfOneOneToOneMessageAreTwoEventsAndAResentEditIsOne() throws Exception {
        var command = CommandRegistry.bundled().find("C2C.CallbackAfterModifyMsg").orElseThrow();
        assertThat(command.dedupePointers()).as("the message and the edit's time").containsExactly("/MsgKey", "/EventTime");
        String edit = "{\"CallbackCommand\":\"C2C.CallbackAfterModifyMsg\",\"MsgKey\":\"1_2_1770000000\",\"MsgTime\":1770000000,"
                + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"%s\"}}],\"EventTime\":%s}";
        String first = EventKeys.dedupeKey("1", command, json(edit.formatted("at 8", "1770000060000")));
        String second = EventKeys.dedupeKey("1", command, json(edit.formatted("at 9", "1770000120000")));
        String sameTextAgain = EventKeys.dedupeKey("1", command, json(edit.formatted("at 8", "1770000180000")));
        String resent = EventKeys.dedupeKey("1", command, json(edit.formatted("at 8", "\"1770000060000\"")));
        assertThat(second).as("a later edit of the same MsgKey").isNotEqualTo(first);
        assertThat(sameTextAgain).as("an edit back to an earlier text is still a new edit").isNotEqualTo(first);
        assertThat(resent).as("the same edit resent, EventTime as a string").isEqualTo(first);
    }

    @Test
    void twoEditsOfOneGroupMessageAreTwoEventsAndAResentEditIsOne() throws Exception {
        var command = CommandRegistry.bundled().find("Group.CallbackAfterModifyMsg").orElseThrow();
        assertThat(command.dedupePointers()).as("TopicId is empty outside topics: the whole body identifies an edit").isEmpty();
        String first = EventKeys.dedupeKey("1", command, json(
                "{\"GroupId\":\"g\",\"TopicId\":\"\",\"MsgSeq\":7,\"MsgBody\":[],\"EventTime\":1770000060000}"));
        String second = EventKeys.dedupeKey("1", command, json(
                "{\"GroupId\":\"g\",\"TopicId\":\"\",\"MsgSeq\":7,\"MsgBody\":[],\"EventTime\":1770000120000}"));
        String resent = EventKeys.dedupeKey("1", command, json(
                "{\"EventTime\":1770000060000, \"MsgBody\":[], \"MsgSeq\":7, \"TopicId\":\"\", \"GroupId\":\"g\"}"));
        String otherTopic = EventKeys.dedupeKey("1", command, json(
                "{\"GroupId\":\"g\",\"TopicId\":\"g@TOPIC#_t\",\"MsgSeq\":7,\"MsgBody\":[],\"EventTime\":1770000060000}"));
        assertThat(second).as("a later edit of the same GroupId and MsgSeq").isNotEqualTo(first);
        assertThat(resent).as("the same edit resent").isEqualTo(first);
        assertThat(otherTopic).as("the same MsgSeq in a topic").isNotEqualTo(first);
        assertThat(first).as("leads with the edit's time").startsWith(String.format("%016x", 1_770_000_060_000L));
    }

    @Test
    void aReadReceiptFollowsItsConversationAndClearingUnreadFollowsItsGroup() throws Exception {
        assertThat(EventKeys.orderKey("1", json("{\"Operator_Account\":\"jared\",\"Peer_Account\":\"leckie\","
                + "\"C2CMsgInfo\":[{\"From_Account\":\"leckie\",\"To_Account\":\"jared\"}]}"), "d"))
                .as("read receipt: the conversation of its messages")
                .isEqualTo(EventKeys.orderKey("1", json("{\"From_Account\":\"leckie\",\"To_Account\":\"jared\"}"), "e"))
                .isEqualTo("1:c2c:jared|leckie");
        String readAll = "{\"CallbackCommand\":\"C2C.CallbackAfterMsgReadAll\",\"Report_Account\":\"jared\","
                + "\"GroupReadInfo\":%s}";
        assertThat(EventKeys.orderKey("1", json(readAll.formatted("[{\"GroupId\":\"@TGS#1\",\"MsgSeq\":3}]")), "d"))
                .as("despite its C2C prefix, one group cleared: that group's lane").isEqualTo("1:group:@TGS#1");
        assertThat(EventKeys.orderKey("1", json(readAll.formatted(
                "[{\"GroupId\":\"@TGS#1\",\"MsgSeq\":3},{\"GroupId\":\"@TGS#2\",\"MsgSeq\":4}]")), "d"))
                .as("several groups: no single lane").isEqualTo("1:event:d");
        assertThat(EventKeys.orderKey("1", json(readAll.formatted("[]")), "d")).isEqualTo("1:event:d");
    }

    @Test
    void theCanonicalFormIsWhatJacksonWritesForTheSortedDocumentSoStoredKeysStayValid() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c);
        }
        every.append("é你好👋\u2028\u007f");
        com.fasterxml.jackson.databind.node.ObjectNode sorted = mapper.createObjectNode();
        sorted.put("A\"key\\with\tescapes", every.toString());
        sorted.putArray("B").add(1).add(-2L).add(12345678901234L).add(new java.math.BigInteger("123456789012345678901234"))
                .add(1.5).add(true).addNull().add("x\n");
        sorted.putObject("C").put("a", false).put("b", 0.1e-7);
        sorted.put("D", "");
        assertThat(EventKeys.canonical(sorted)).isEqualTo(mapper.writeValueAsString(sorted));
        JsonNode shuffled = mapper.readTree("{\"D\":\"\",\"C\":{\"b\":1.0E-8,\"a\":false},\"B\":[1]}");
        assertThat(EventKeys.canonical(shuffled)).isEqualTo("{\"B\":[1],\"C\":{\"a\":false,\"b\":1.0E-8},\"D\":\"\"}");
    }
}
