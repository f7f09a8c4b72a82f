package dev.chatgate.server.example;

import dev.chatgate.model.GroupCallbackAfterMemberExit;
import dev.chatgate.model.GroupCallbackAfterNewMemberJoin;
import dev.chatgate.model.MemberAccountItem;
import dev.chatgate.api.AfterCallbackListener;
import dev.chatgate.api.Callback;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;

/** Keeps {@link GroupRoster} in step with joins and exits. */
final class MembershipRecorder {

    private MembershipRecorder() {
    }

    private static List<String> accounts(List<MemberAccountItem> items) {
        return items == null ? List.of() : items.stream().map(MemberAccountItem::getMemberAccount).toList();
    }

    @Singleton
    @Requires(property = "chatgate.example.enabled", value = "true")
    static final class Joins implements AfterCallbackListener<GroupCallbackAfterNewMemberJoin> {
        private final GroupRoster roster;

        Joins(GroupRoster roster) {
            this.roster = roster;
        }

        @Override
        public void onEvent(Callback<GroupCallbackAfterNewMemberJoin> callback) {
            if (callback.hasPayload()) {
                roster.joined(callback.payload().getGroupId(), accounts(callback.payload().getNewMemberList()));
            }
        }
    }

    @Singleton
    @Requires(property = "chatgate.example.enabled", value = "true")
    static final class Exits implements AfterCallbackListener<GroupCallbackAfterMemberExit> {
        private final GroupRoster roster;

        Exits(GroupRoster roster) {
            this.roster = roster;
        }

        @Override
        public void onEvent(Callback<GroupCallbackAfterMemberExit> callback) {
            if (callback.hasPayload()) {
                roster.left(callback.payload().getGroupId(), accounts(callback.payload().getExitMemberList()));
            }
        }
    }
}
