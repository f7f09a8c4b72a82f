package dev.chatgate.core.spec;

/** Whether Tencent acts on the answer (before) or ignores it (after). */
public enum CallbackKind {
    BEFORE,
    AFTER;

    static CallbackKind fromSpec(String value, String command) {
        return switch (value) {
            case "before" -> BEFORE;
            case "after" -> AFTER;
            default -> throw new IllegalStateException(
                    "x-callback-kind of " + command + " must be 'before' or 'after', not '" + value + "'");
        };
    }
}
