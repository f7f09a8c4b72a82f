package com.example.wordfilter;

import dev.chatgate.api.BeforeCallbackHandler;
import dev.chatgate.api.Callback;
import dev.chatgate.api.Decision;
import dev.chatgate.core.message.MessageElements;
import dev.chatgate.model.C2CCallbackBeforeSendMsg;
import dev.chatgate.model.C2CCallbackBeforeSendMsgResponse;
import dev.chatgate.model.TIMMsgElement;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides every one-to-one message before Chat delivers it: one containing "casino" is refused with a code the
 * sender's client shows, "darn" is masked, anything else passes unchanged.
 */
@Singleton
public final class WordFilter
        implements BeforeCallbackHandler<C2CCallbackBeforeSendMsg, C2CCallbackBeforeSendMsgResponse> {

    /** A code of C2C.CallbackBeforeSendMsg's custom range [120001, 130000]: the client shows ErrorInfo. */
    static final int REFUSED = 120001;

    @Override
    public Decision<C2CCallbackBeforeSendMsgResponse> decide(Callback<C2CCallbackBeforeSendMsg> callback) {
        if (!callback.hasPayload() || callback.payload().getMsgBody() == null) {
            return Decision.allow();
        }
        List<TIMMsgElement> body = callback.payload().getMsgBody();
        String text = MessageElements.of(body).text().toLowerCase(Locale.ROOT);
        if (text.contains("casino")) {
            return Decision.denyWithCode(REFUSED, "Links to gambling are not allowed");
        }
        if (text.contains("darn")) {
            return Decision.allowWith(new C2CCallbackBeforeSendMsgResponse(
                    C2CCallbackBeforeSendMsgResponse.ActionStatusEnum.OK, 0, "").msgBody(masked(body)));
        }
        return Decision.allow();
    }

    /** The body with "darn" masked in its text elements; other elements exactly as sent. */
    private static List<TIMMsgElement> masked(List<TIMMsgElement> body) {
        return body.stream().map(element -> "TIMTextElem".equals(element.getMsgType())
                ? new TIMMsgElement("TIMTextElem", Map.of("Text",
                        MessageElements.of(List.of(element)).text().replaceAll("(?i)darn", "****")))
                : element).toList();
    }
}
