package dev.chatgate.server.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.chatgate.server.hostile.HostileTarget.BODY;
import static dev.chatgate.server.hostile.HostileTarget.MAX_BODY_BYTES;
import static dev.chatgate.server.hostile.HostileTarget.utf8;
import static dev.chatgate.server.hostile.HostileTarget.withBody;

/** The body: not one JSON object, nested deep, odd numbers, repeated keys, encodings, sizes around the limit. */
final class BodyCases {

    private static final Expect NOT_JSON = Expect.fail(400, "body is not valid JSON");
    private static final Expect TRAILING = Expect.fail(400, "body has more after its JSON object");
    private static final Expect TOO_LARGE = Expect.fail(413, "larger than the limit");

    private BodyCases() {
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        for (String tail : List.of(" xyz", BODY, "{}", "[]", ",", "}", "0", "\"x\"", "null", "\u0000", "\u0000\u0000\u0000",
                " \u0000", "/* c */", "// c")) {
            cases.add(of("bytes after the object: " + printable(tail), BODY + tail, TRAILING));
        }
        cases.add(of("white space after the object", BODY + " \r\n\t ", Expect.ok()));
        cases.add(of("white space before the object", " \r\n\t " + BODY, Expect.ok()));
        for (String value : List.of("[1,2,3]", "[]", "[" + BODY + "]", "\"text\"", "42", "-1.5e3", "true", "false", "null")) {
            cases.add(of("top-level " + value.substring(0, Math.min(value.length(), 12)), value, Expect.fail(400, "not a JSON object")));
        }
        cases.add(of("empty", "", Expect.fail(400, "empty body")));
        cases.add(of("white space only", " \n ", Expect.fail(400, "empty body")));
        cases.add(of("cut in half", BODY.substring(0, BODY.length() / 2), NOT_JSON));
        cases.add(of("one brace", "{", NOT_JSON));
        cases.add(of("single quotes", BODY.replace('"', '\''), NOT_JSON));
        cases.add(of("unquoted keys", "{CallbackCommand:\"x\"}", NOT_JSON));
        cases.add(of("a trailing comma", BODY.replace("}", ",}"), NOT_JSON));
        cases.add(of("a comment inside", BODY.replace("{\"CallbackCommand\"", "{/*c*/\"CallbackCommand\""), NOT_JSON));
        cases.add(of("a raw newline in a string", BODY.replace("hostile", "host\nile"), NOT_JSON));
        cases.add(of("a raw NUL in a string", BODY.replace("hostile", "host\u0000ile"), NOT_JSON));
        cases.add(of("a bad escape in a string", BODY.replace("hostile", "host\\qile"), NOT_JSON));
        cases.add(of("a lone surrogate escape", BODY.replace("hostile", "host\\ud800ile"), Expect.ok()));
        cases.add(of("a repeated key", BODY.replace("\"Type\":\"Public\"", "\"Type\":\"Public\",\"Type\":\"Private\""),
                Expect.fail(400, "Duplicate field 'Type'")));
        cases.add(of("a repeated CallbackCommand", BODY.replace("{", "{\"CallbackCommand\":\"C2C.CallbackAfterSendMsg\","),
                Expect.fail(400, "Duplicate field 'CallbackCommand'")));
        cases.add(of("a repeated key, nested", BODY.replace("{\"Member_Account\":\"jared\"}",
                "{\"Member_Account\":\"jared\",\"Member_Account\":\"eve\"}"), Expect.fail(400, "Duplicate field 'Member_Account'")));
        cases.add(of("keys differing in case only", BODY.replace("{", "{\"type\":\"x\","), Expect.ok()));
        cases.addAll(nesting());
        cases.addAll(numbers());
        cases.addAll(encodings());
        cases.addAll(sizes());
        return cases;
    }

    private static List<HostileCase> nesting() {
        List<HostileCase> cases = new ArrayList<>();
        for (int depth : new int[]{100, 990}) {
            cases.add(of("nested " + depth + " deep", nest(depth), Expect.ok()));
        }
        for (int depth : new int[]{1001, 5000, 30000}) {
            cases.add(of("nested " + depth + " deep", nest(depth), Expect.fail(400, "nesting depth")));
        }
        cases.add(of("nested 20000 deep, never closed", withField("\"Deep\":" + "[".repeat(20000)), Expect.fail(400, "nesting depth")));
        cases.add(of("objects nested 3000 deep", withField("\"Deep\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)),
                Expect.fail(400, "nesting depth")));
        return cases;
    }

    private static List<HostileCase> numbers() {
        List<HostileCase> cases = new ArrayList<>();
        for (String number : List.of("1670574414123", "\"1670574414123\"", "0", "-1", "1e400", "-1e400", "1e-400",
                "123456789012345678901234567890", "9223372036854775808", "-0", "0.0", "1.5", "1E+2")) {
            cases.add(of("EventTime " + number, BODY.replace("1670574414123", number), Expect.ok()));
        }
        cases.add(of("a number of 1001 digits", BODY.replace("1670574414123", "9".repeat(1001)), Expect.fail(400, "Number value length")));
        cases.add(of("a number of 5000 digits in a fraction", BODY.replace("1670574414123", "0." + "1".repeat(5000)),
                Expect.fail(400, "Number value length")));
        for (String number : List.of("NaN", "Infinity", "-Infinity", "01", "1.", ".5", "+1", "0x10", "1e", "--1")) {
            cases.add(of("EventTime " + number, BODY.replace("1670574414123", number), NOT_JSON));
        }
        return cases;
    }

    private static List<HostileCase> encodings() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(of("a UTF-8 byte order mark", "\uFEFF" + BODY, NOT_JSON));
        cases.add(HostileCase.of("body: UTF-16 said so", withBody(BODY.getBytes(StandardCharsets.UTF_16))
                .replaceHeader("Content-Type", "Content-Type: application/json; charset=UTF-16"), Expect.ok()));
        cases.add(HostileCase.of("body: UTF-16 said to be UTF-8", withBody(BODY.getBytes(StandardCharsets.UTF_16)), NOT_JSON));
        cases.add(HostileCase.of("body: UTF-32 without a word", withBody(BODY.getBytes(java.nio.charset.Charset.forName("UTF-32"))), NOT_JSON));
        cases.add(HostileCase.of("body: Latin-1 said so", withBody(BODY.replace("jared", "jarède").getBytes(StandardCharsets.ISO_8859_1))
                .replaceHeader("Content-Type", "Content-Type: application/json; charset=ISO-8859-1"), Expect.ok()));
        byte[] valid = utf8(BODY.replace("jared", "jar__"));
        for (byte[] bad : List.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xC0, (byte) 0xAF}, new byte[]{(byte) 0xFF, (byte) 0xFE},
                new byte[]{(byte) 0xED, (byte) 0xA0}, new byte[]{(byte) 0xE2, (byte) 0x82})) {
            byte[] body = valid.clone();
            int at = new String(valid, StandardCharsets.ISO_8859_1).indexOf("jar__") + 3;
            body[at] = bad[0];
            body[at + 1] = bad[1];
            cases.add(HostileCase.of(String.format("body: invalid UTF-8 %02X %02X in a string", bad[0], bad[1]), withBody(body), Expect.ok()));
        }
        cases.add(of("emoji and CJK in strings", BODY.replace("jared", "😀杰瑞"), Expect.ok()));
        cases.add(of("escaped unicode in strings", BODY.replace("jared", "\\u6770\\u745e"), Expect.ok()));
        cases.add(of("an escaped NUL in a string", BODY.replace("jared", "ja\\u0000red"), Expect.ok()));
        return cases;
    }

    private static List<HostileCase> sizes() {
        List<HostileCase> cases = new ArrayList<>();
        for (int delta : new int[]{-1, 0}) {
            cases.add(of("exactly " + (MAX_BODY_BYTES + delta) + " bytes", padded(MAX_BODY_BYTES + delta), Expect.ok()));
        }
        for (int delta : new int[]{1, 100, 5 * MAX_BODY_BYTES}) {
            cases.add(of((MAX_BODY_BYTES + delta) + " bytes", padded(MAX_BODY_BYTES + delta), TOO_LARGE));
        }
        cases.add(of("100,000 keys within the limit", manyKeys(MAX_BODY_BYTES - 100), Expect.ok()));
        cases.add(of("one long string within the limit", padded(MAX_BODY_BYTES - 10), Expect.ok()));
        return cases;
    }

    private static String nest(int depth) {
        return withField("\"Deep\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1));
    }

    /** The genuine body with one more top-level member. */
    private static String withField(String member) {
        return BODY.substring(0, BODY.length() - 1) + "," + member + "}";
    }

    /** The genuine body with a pad field, {@code bytes} long in all. */
    private static String padded(int bytes) {
        String open = BODY.substring(0, BODY.length() - 1) + ",\"Pad\":\"";
        return open + "x".repeat(bytes - utf8(open).length - 2) + "\"}";
    }

    private static String manyKeys(int bytes) {
        StringBuilder out = new StringBuilder(BODY.substring(0, BODY.length() - 1));
        for (int i = 0; out.length() < bytes - 20; i++) {
            out.append(",\"k").append(i).append("\":").append(i);
        }
        return out.append('}').toString();
    }

    private static String printable(String text) {
        String shown = text.replace("\u0000", "NUL");
        return shown.length() > 12 ? shown.substring(0, 12) + "…" : shown;
    }

    private static HostileCase of(String name, String body, Expect expect) {
        return HostileCase.of("body: " + name, withBody(body), expect);
    }
}
