package dev.chatgate.core.message;

import dev.chatgate.core.binding.PayloadBinder;
import dev.chatgate.core.spec.CallbackSpec;
import dev.chatgate.core.spec.SpecExamples;
import dev.chatgate.model.C2CCallbackBeforeSendMsg;
import dev.chatgate.model.TIMCustomElem;
import dev.chatgate.model.TIMFaceElem;
import dev.chatgate.model.TIMImageElem;
import dev.chatgate.model.TIMLocationElem;
import dev.chatgate.model.TIMRelayElem;
import dev.chatgate.model.TIMTextElem;
import dev.chatgate.model.TIMMsgElement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageElementsTest {

    private C2CCallbackBeforeSendMsg allElementTypes() throws Exception {
        String json = SpecExamples.requestsOf(CallbackSpec.bundled(), "C2C.CallbackBeforeSendMsg").stream()
                .filter(e -> e.name().equals("all-element-types")).findFirst().orElseThrow().json();
        return new PayloadBinder(dev.chatgate.core.binding.ModelMapper.shared())
                .bind(C2CCallbackBeforeSendMsg.class, "C2C.CallbackBeforeSendMsg", json);
    }

    @Test
    void elementsAreReadByMsgTypeIntoTheirTypedContent() throws Exception {
        MessageElements elements = MessageElements.of(allElementTypes().getMsgBody());
        assertThat(elements.size()).isEqualTo(9);
        assertThat(elements.first(TIMTextElem.class)).get().extracting(TIMTextElem::getText).isEqualTo("hello 世界 👋");
        assertThat(elements.first(TIMLocationElem.class).orElseThrow().getLatitude()).isEqualTo(29.340656774469956);
        assertThat(elements.first(TIMFaceElem.class).orElseThrow().getIndex()).isEqualTo(1L);
        assertThat(elements.first(TIMCustomElem.class).orElseThrow().getSound()).isEqualTo("dingdong.aiff");
        TIMImageElem image = elements.first(TIMImageElem.class).orElseThrow();
        assertThat(image.getImageInfoArray()).hasSize(3);
        assertThat(image.getImageInfoArray().get(0).getURL()).endsWith("/0");
        TIMRelayElem relay = elements.first(TIMRelayElem.class).orElseThrow();
        assertThat(MessageElements.of(relay.getMsgList().get(1).getMsgBody()).text()).isEqualTo("I think it's great.");
    }

    @Test
    void orderDoesNotMatterAndAbsentTypesAreEmpty() {
        TIMMsgElement face = element("TIMFaceElem", Map.of("Index", 3));
        TIMMsgElement text1 = element("TIMTextElem", Map.of("Text", "a"));
        TIMMsgElement text2 = element("TIMTextElem", Map.of("Text", "b"));
        MessageElements elements = MessageElements.of(List.of(face, text1, text2));
        assertThat(elements.all(TIMTextElem.class)).extracting(TIMTextElem::getText).containsExactly("a", "b");
        assertThat(elements.text()).isEqualTo("ab");
        assertThat(elements.first(TIMCustomElem.class)).isEmpty();
        assertThat(elements.types()).containsExactly("TIMFaceElem", "TIMTextElem", "TIMTextElem");
        assertThat(elements.contains("TIMFaceElem")).isTrue();
    }

    @Test
    void aNullBodyIsAnEmptyBody() {
        assertThat(MessageElements.of(null).size()).isZero();
        assertThat(MessageElements.of(null).text()).isEmpty();
    }

    private static TIMMsgElement element(String type, Map<String, Object> content) {
        return new TIMMsgElement(type, content);
    }
}
