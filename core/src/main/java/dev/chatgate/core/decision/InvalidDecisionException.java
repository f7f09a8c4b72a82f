package dev.chatgate.core.decision;

/** A handler's decision cannot be expressed for its command (e.g. a custom code outside the documented range). */
public final class InvalidDecisionException extends RuntimeException {

    public InvalidDecisionException(String message) {
        super(message);
    }
}
