package dev.chatgate.server.example;

import dev.chatgate.api.Decision;
import dev.chatgate.model.C2CCallbackBeforeSendMsg;
import dev.chatgate.model.C2CCallbackBeforeSendMsgResponse;
import dev.chatgate.api.BeforeCallbackHandler;
import dev.chatgate.api.Callback;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Filters one-to-one messages: refused with a code the sender sees, or delivered with masked words. */
@Singleton
@Requires(property = "chatgate.example.enabled", value = "true")
public final class C2CWordFilter
        implements BeforeCallbackHandler<C2CCallbackBeforeSendMsg, C2CCallbackBeforeSendMsgResponse> {

    /** First code of the one-to-one custom range: the client shows ErrorInfo. */
    static final int BLOCKED_CODE = 120001;

    private final WordFilter filter;

    public C2CWordFilter(WordFilter filter) {
        this.filter = filter;
    }

    @Override
    public Decision<C2CCallbackBeforeSendMsgResponse> decide(Callback<C2CCallbackBeforeSendMsg> callback) {
        if (!callback.hasPayload()) {
            return Decision.allow();
        }
        return filter.decide(callback.payload().getMsgBody(), BLOCKED_CODE,
                masked -> new C2CCallbackBeforeSendMsgResponse(C2CCallbackBeforeSendMsgResponse.ActionStatusEnum.OK, 0, "")
                        .msgBody(masked));
    }
}
