package dev.chatgate.core.binding;

/** The body is JSON but does not fit the command's model (a schema mismatch the validator lets through). */
public final class PayloadBindingException extends Exception {

    public PayloadBindingException(String command, Class<?> model, Throwable cause) {
        super(command + " body does not fit " + model.getSimpleName() + ": " + rootMessage(cause), cause);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
