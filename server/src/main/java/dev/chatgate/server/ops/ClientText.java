package dev.chatgate.server.ops;

/**
 * A value the client chose (an app id, a command, a header), fit to quote in a reason or a log line: printable
 * ASCII only, so that a newline cannot forge a log line, and at most 64 characters of it.
 */
public final class ClientText {

    private static final int LIMIT = 64;

    private ClientText() {
    }

    public static String shortened(String value) {
        if (value == null) {
            return "none";
        }
        String printable = printable(value.length() > LIMIT ? value.substring(0, LIMIT) : value);
        return value.length() > LIMIT ? printable + "…(" + value.length() + " chars)" : printable;
    }

    /** Every character outside printable ASCII as '?'. */
    public static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
