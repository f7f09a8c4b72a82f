package dev.chatgate.core.validation;

/** The body is not JSON; carries where parsing stopped. */
public final class MalformedJsonException extends Exception {

    private final int line;
    private final int column;

    public MalformedJsonException(String reason, int line, int column) {
        super("body is not valid JSON at line " + line + ", column " + column + ": " + reason);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
