package dev.chatgate.server.decisions;

import dev.chatgate.api.Decision;
import dev.chatgate.model.C2CCallbackBeforeSendMsg;
import dev.chatgate.model.C2CCallbackBeforeSendMsgResponse;
import dev.chatgate.model.ChatbotOnC2CSignalMessage;
import dev.chatgate.model.ChatbotOnC2CSignalMessageResponse;
import dev.chatgate.model.GroupCallbackBeforeApplyJoinGroup;
import dev.chatgate.model.GroupCallbackBeforeApplyJoinGroupResponse;
import dev.chatgate.model.GroupCallbackBeforeCreateGroup;
import dev.chatgate.model.GroupCallbackBeforeCreateGroupResponse;
import dev.chatgate.model.GroupCallbackBeforeCreateTopic;
import dev.chatgate.model.GroupCallbackBeforeCreateTopicResponse;
import dev.chatgate.model.GroupCallbackBeforeInviteJoinGroup;
import dev.chatgate.model.GroupCallbackBeforeInviteJoinGroupResponse;
import dev.chatgate.model.GroupCallbackBeforeSendMsg;
import dev.chatgate.model.GroupCallbackBeforeSendMsgResponse;
import dev.chatgate.model.OfficialAccountCallbackBeforeAddSubscriber;
import dev.chatgate.model.OfficialAccountCallbackBeforeAddSubscriberResponse;
import dev.chatgate.model.OfficialAccountCallbackBeforeCreateOfficialAccount;
import dev.chatgate.model.OfficialAccountCallbackBeforeCreateOfficialAccountResponse;
import dev.chatgate.model.OfficialAccountCallbackBeforeSendMsg;
import dev.chatgate.model.OfficialAccountCallbackBeforeSendMsgResponse;
import dev.chatgate.model.SnsCallbackPrevFriendAdd;
import dev.chatgate.model.SnsCallbackPrevFriendAddResponse;
import dev.chatgate.model.SnsCallbackPrevFriendResponse;
import dev.chatgate.model.SnsCallbackPrevFriendResponseResponse;
import dev.chatgate.api.BeforeCallbackHandler;
import dev.chatgate.api.Callback;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One decision handler per before-callback, each answering what the test scripted for a given body. */
final class ScriptedHandlers {

    static final String ENV = "decision-shapes";

    /** Raw body -> the decision its handler returns. */
    static final Map<String, Decision<?>> SCRIPT = new ConcurrentHashMap<>();

    private ScriptedHandlers() {
    }

    abstract static class Scripted<Q, R> implements BeforeCallbackHandler<Q, R> {
        @Override
        @SuppressWarnings("unchecked")
        public Decision<R> decide(Callback<Q> callback) {
            return (Decision<R>) SCRIPT.getOrDefault(callback.rawJson(), Decision.allow());
        }
    }

    @Singleton
    @Requires(env = ENV)
    static final class C2CCallbackBeforeSendMsgScript extends Scripted<C2CCallbackBeforeSendMsg, C2CCallbackBeforeSendMsgResponse> {
    }

    @Singleton
    @Requires(env = ENV)
    static final class ChatbotOnC2CSignalMessageScript extends Scripted<ChatbotOnC2CSignalMessage, ChatbotOnC2CSignalMessageResponse> {
    }

    @Singleton
    @Requires(env = ENV)
    static final class GroupCallbackBeforeCreateGroupScript extends Scripted<GroupCallbackBeforeCreateGroup, GroupCallbackBeforeCreateGroupResponse> {
    }

    @Singleton
    @Requires(env = ENV)
    static final class GroupCallbackBeforeApplyJoinGroupScript extends Scripted<GroupCallbackBeforeApplyJoinGroup, GroupCallbackBeforeApplyJoinGroupResponse> {
    }

    @Singleton
    @Requires(env = ENV)
    static final class GroupCallbackBeforeInviteJoinGroupScript extends Scripted<GroupCallbackBeforeInviteJoinGroup, GroupCallbackBeforeInviteJoinGroupResponse> {
    }

    @Singleton
    @Requires(env = ENV)
    static final class GroupCallbackBeforeSendMsgScript extends Scripted<GroupCallbackBeforeSendMsg, GroupCallbackBeforeSendMsgResponse> {
    }

    @Singleton
    @Requires(env = ENV)
    static final class GroupCallbackBeforeCreateTopicScript extends Scripted<GroupCallbackBeforeCreateTopic, GroupCallbackBeforeCreateTopicResponse> {
    }

    @Singleton
    @Requires(env = ENV)
    static final class OfficialAccountCallbackBeforeCreateOfficialAccountScript extends Scripted<OfficialAccountCallbackBeforeCreateOfficialAccount, OfficialAccountCallbackBeforeCreateOfficialAccountResponse> {
    }

    @Singleton
    @Requires(env = ENV)
    static final class OfficialAccountCallbackBeforeAddSubscriberScript extends Scripted<OfficialAccountCallbackBeforeAddSubscriber, OfficialAccountCallbackBeforeAddSubscriberResponse> {
    }

    @Singleton
    @Requires(env = ENV)
    static final class OfficialAccountCallbackBeforeSendMsgScript extends Scripted<OfficialAccountCallbackBeforeSendMsg, OfficialAccountCallbackBeforeSendMsgResponse> {
    }

    @Singleton
    @Requires(env = ENV)
    static final class SnsCallbackPrevFriendAddScript extends Scripted<SnsCallbackPrevFriendAdd, SnsCallbackPrevFriendAddResponse> {
    }

    @Singleton
    @Requires(env = ENV)
    static final class SnsCallbackPrevFriendResponseScript extends Scripted<SnsCallbackPrevFriendResponse, SnsCallbackPrevFriendResponseResponse> {
    }
}
