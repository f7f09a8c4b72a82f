package dev.chatgate.core.validation;

/**
 * One way a payload breaks its schema.
 *
 * @param pointer JSON pointer of the offending value; for a missing property, the pointer it should have had
 * @param keyword the schema keyword that failed ({@code type}, {@code required}, {@code pattern}, ...)
 * @param message what is wrong, in the validator's words
 */
public record Violation(String pointer, String keyword, String message) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
