package dev.chatgate.server.receive;

/** A value the client sent, fit to quote in a reason: at most 64 characters, printable ASCII only. */
final class ClientText {

    private static final int LIMIT = 64;

    private ClientText() {
    }

    static String shortened(String value) {
        if (value == null) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < LIMIT; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return value.length() > LIMIT ? out + "…" : out.toString();
    }
}
