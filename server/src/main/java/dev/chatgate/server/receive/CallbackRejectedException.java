package dev.chatgate.server.receive;

import dev.chatgate.server.ops.Outcome;

/** A callback refused before dispatch; {@link RejectionHandler} turns it into Tencent's envelope. */
public final class CallbackRejectedException extends RuntimeException {

    private final int httpStatus;
    private final Outcome outcome;
    private final String command;
    private final String sdkAppId;

    public CallbackRejectedException(int httpStatus, Outcome outcome, String reason, String command, String sdkAppId) {
        super(reason, null, false, false);
        this.httpStatus = httpStatus;
        this.outcome = outcome;
        this.command = command;
        this.sdkAppId = sdkAppId;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String command() {
        return command;
    }

    public String sdkAppId() {
        return sdkAppId;
    }
}
