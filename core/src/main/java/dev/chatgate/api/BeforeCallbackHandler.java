package dev.chatgate.api;


/**
 * Decides one before-callback. Implement it as a bean with the command's generated request and response models,
 * e.g. {@code BeforeCallbackHandler<C2CCallbackBeforeSendMsg, C2CCallbackBeforeSendMsgResponse>}: the command is
 * found from the request model. At most one handler per command; without one the callback is allowed.
 */
public interface BeforeCallbackHandler<Q, R> {

    Decision<R> decide(Callback<Q> callback) throws Exception;
}
