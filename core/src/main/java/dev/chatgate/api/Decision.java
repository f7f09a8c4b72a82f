package dev.chatgate.api;

import java.util.Objects;

/**
 * What a before-callback handler decides. {@code R} is the command's generated response model
 * (e.g. {@code C2CCallbackBeforeSendMsgResponse}), used only by {@link #allowWith}.
 */
public sealed interface Decision<R> {

    /** Let the event proceed unchanged (ErrorCode 0). */
    static <R> Decision<R> allow() {
        return new Allow<>();
    }

    /** Refuse with the command's generic refusal code (1); the client sees Tencent's generic error. */
    static <R> Decision<R> deny() {
        return new Deny<>("");
    }

    /** Refuse with the generic code and a reason for the logs (Tencent does not show it to the client). */
    static <R> Decision<R> deny(String reason) {
        return new Deny<>(Objects.requireNonNull(reason));
    }

    /** Drop the message silently: the sender is told it succeeded (only commands with a discard code). */
    static <R> Decision<R> discard() {
        return new Discard<>();
    }

    /** Refuse with a custom code from the command's documented range; code and text reach the client. */
    static <R> Decision<R> denyWithCode(int errorCode, String errorInfo) {
        return new DenyWithCode<>(errorCode, Objects.requireNonNull(errorInfo));
    }

    /**
     * Report that the backend could not decide ({@code ActionStatus FAIL}): Tencent treats the callback as
     * failed and applies its own default (friend requests proceed, a chatbot's RspData is ignored, ...).
     */
    static <R> Decision<R> fail(int errorCode, String errorInfo) {
        if (errorCode == 0) {
            throw new IllegalArgumentException("a failure needs a non-zero ErrorCode");
        }
        return new Fail<>(errorCode, Objects.requireNonNull(errorInfo));
    }

    /**
     * Let the event proceed with the command's own answer fields: a replaced MsgBody/CloudCustomData,
     * RefusedMembers_Account, per-friend ResultItem, RspData, ... Envelope fields set on it are ignored.
     */
    static <R> Decision<R> allowWith(R answerFields) {
        return new AllowWith<>(Objects.requireNonNull(answerFields));
    }

    record Allow<R>() implements Decision<R> {
    }

    record Deny<R>(String reason) implements Decision<R> {
    }

    record Discard<R>() implements Decision<R> {
    }

    record DenyWithCode<R>(int errorCode, String errorInfo) implements Decision<R> {
    }

    record AllowWith<R>(R answerFields) implements Decision<R> {
    }

    record Fail<R>(int errorCode, String errorInfo) implements Decision<R> {
    }
}
