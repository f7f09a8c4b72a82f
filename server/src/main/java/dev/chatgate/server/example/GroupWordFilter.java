package dev.chatgate.server.example;

import dev.chatgate.api.Decision;
import dev.chatgate.model.GroupCallbackBeforeSendMsg;
import dev.chatgate.model.GroupCallbackBeforeSendMsgResponse;
import dev.chatgate.api.BeforeCallbackHandler;
import dev.chatgate.api.Callback;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Filters group messages with the same rules; group custom codes live in [10100, 10200]. */
@Singleton
@Requires(property = "chatgate.example.enabled", value = "true")
public final class GroupWordFilter
        implements BeforeCallbackHandler<GroupCallbackBeforeSendMsg, GroupCallbackBeforeSendMsgResponse> {

    static final int BLOCKED_CODE = 10100;

    private final WordFilter filter;

    public GroupWordFilter(WordFilter filter) {
        this.filter = filter;
    }

    @Override
    public Decision<GroupCallbackBeforeSendMsgResponse> decide(Callback<GroupCallbackBeforeSendMsg> callback) {
        if (!callback.hasPayload()) {
            return Decision.allow();
        }
        return filter.decide(callback.payload().getMsgBody(), BLOCKED_CODE,
                masked -> new GroupCallbackBeforeSendMsgResponse(GroupCallbackBeforeSendMsgResponse.ActionStatusEnum.OK, 0, "")
                        .msgBody(masked));
    }
}
