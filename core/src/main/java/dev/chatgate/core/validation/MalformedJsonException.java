package dev.chatgate.core.validation;

/** The body is not exactly one JSON object; carries where parsing stopped. */
public final class MalformedJsonException extends Exception {

    private final int line;
    private final int column;

    public MalformedJsonException(String reason, int line, int column) {
        this("body is not valid JSON at line " + line + ", column " + column + ": " + reason, line, column, true);
    }

    private MalformedJsonException(String message, int line, int column, boolean unused) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** Valid JSON, but a top-level value of another kind ({@code array}, {@code string}, ...). */
    public static MalformedJsonException notAnObject(String kind) {
        return new MalformedJsonException("body is a JSON " + kind + ", not a JSON object", 1, 1, true);
    }

    /** One JSON object followed by something other than white space. */
    public static MalformedJsonException trailing(int line, int column) {
        return new MalformedJsonException("body has more after its JSON object, at line " + line + ", column "
                + column, line, column, true);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
