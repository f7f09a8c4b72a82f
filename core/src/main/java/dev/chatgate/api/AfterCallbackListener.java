package dev.chatgate.api;

/**
 * Receives one after-callback, off the request thread, after Tencent has been answered. Implement it as a bean
 * with the command's generated request model, e.g. {@code AfterCallbackListener<GroupCallbackAfterNewMemberJoin>};
 * any number of listeners per command.
 */
public interface AfterCallbackListener<Q> {

    void onEvent(Callback<Q> callback) throws Exception;
}
