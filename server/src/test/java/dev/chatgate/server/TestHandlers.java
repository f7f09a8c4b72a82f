package dev.chatgate.server;

import dev.chatgate.api.Decision;
import dev.chatgate.core.message.MessageElements;
import dev.chatgate.model.C2CCallbackBeforeSendMsg;
import dev.chatgate.model.C2CCallbackBeforeSendMsgResponse;
import dev.chatgate.model.GroupCallbackAfterNewMemberJoin;
import dev.chatgate.model.GroupCallbackBeforeCreateGroup;
import dev.chatgate.model.GroupCallbackBeforeCreateGroupResponse;
import dev.chatgate.model.TIMMsgElement;
import dev.chatgate.api.AfterCallbackListener;
import dev.chatgate.api.BeforeCallbackHandler;
import dev.chatgate.api.Callback;
import dev.chatgate.api.UnhandledCallbackListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Handlers the integration tests drive; the message text picks the decision. */
final class TestHandlers {

    /** The environment that activates these handlers. */
    static final String ENV = "endpoint-test";

    /** Every callback any test handler saw, by its raw body. */
    static final Map<String, Callback<?>> SEEN = new ConcurrentHashMap<>();

    private TestHandlers() {
    }

    @Singleton
    @Requires(env = TestHandlers.ENV)
    static final class UnhandledRecorder implements UnhandledCallbackListener {
        final Map<String, Reason> reasons = new ConcurrentHashMap<>();

        @Override
        public void onUnhandled(Callback<?> callback, Reason reason) {
            reasons.put(callback.rawJson(), reason);
            SEEN.put(callback.rawJson(), callback);
        }
    }

    @Singleton
    @Requires(env = TestHandlers.ENV)
    static final class C2CDecider implements BeforeCallbackHandler<C2CCallbackBeforeSendMsg, C2CCallbackBeforeSendMsgResponse> {
        final List<C2CCallbackBeforeSendMsg> seen = new CopyOnWriteArrayList<>();

        @Override
        public Decision<C2CCallbackBeforeSendMsgResponse> decide(Callback<C2CCallbackBeforeSendMsg> callback) {
            seen.add(callback.payload());
            SEEN.put(callback.rawJson(), callback);
            String text = MessageElements.of(callback.payload().getMsgBody()).text();
            return switch (text) {
                case "spam" -> Decision.deny("spam");
                case "drop" -> Decision.discard();
                case "muted" -> Decision.denyWithCode(120005, "You are muted");
                case "bad-code" -> Decision.denyWithCode(10100, "outside the C2C range");
                case "rewrite" -> Decision.allowWith(new C2CCallbackBeforeSendMsgResponse(
                        C2CCallbackBeforeSendMsgResponse.ActionStatusEnum.OK, 0, "")
                        .msgBody(List.of(new TIMMsgElement("TIMTextElem", Map.of("Text", "***"))))
                        .cloudCustomData("rewritten"));
                case "boom" -> throw new IllegalStateException("handler bug");
                case "no-decision" -> null;
                default -> Decision.allow();
            };
        }
    }

    @Singleton
    @Requires(env = TestHandlers.ENV)
    static final class SlowGroupCreation
            implements BeforeCallbackHandler<GroupCallbackBeforeCreateGroup, GroupCallbackBeforeCreateGroupResponse> {
        @Override
        public Decision<GroupCallbackBeforeCreateGroupResponse> decide(Callback<GroupCallbackBeforeCreateGroup> callback)
                throws InterruptedException {
            SEEN.put(callback.rawJson(), callback);
            if ("slow".equals(callback.payload().getName())) {
                Thread.sleep(5_000);
            }
            return Decision.deny();
        }
    }

    @Singleton
    @Requires(env = TestHandlers.ENV)
    static final class JoinRecorder implements AfterCallbackListener<GroupCallbackAfterNewMemberJoin> {
        final List<Callback<GroupCallbackAfterNewMemberJoin>> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(Callback<GroupCallbackAfterNewMemberJoin> callback) {
            seen.add(callback);
            SEEN.put(callback.rawJson(), callback);
        }
    }
}
