package dev.chatgate.server.hostile;

import dev.chatgate.core.signature.CallbackSignature;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.chatgate.server.hostile.HostileTarget.BODY;
import static dev.chatgate.server.hostile.HostileTarget.TOKEN;

/** The query string: every parameter missing, empty, repeated, overlong, in odd case, non-ASCII, badly escaped. */
final class QueryCases {

    private static final List<String> NAMES = List.of("SdkAppid", "CallbackCommand", "contenttype", "ClientIP",
            "OptPlatform", "Sign", "RequestTime");

    /** What a missing or empty parameter gets: the informational ones are not checked. */
    private static final Map<String, Expect> ABSENT = Map.of(
            "SdkAppid", Expect.fail(403, "SdkAppid is missing"),
            "CallbackCommand", Expect.fail(400, "CallbackCommand query parameter is missing"),
            "contenttype", Expect.ok(), "ClientIP", Expect.ok(), "OptPlatform", Expect.ok(),
            "Sign", Expect.fail(401, "signature missing: Sign is missing"),
            "RequestTime", Expect.fail(401, "signature missing: RequestTime is missing"));

    private static final Expect MALFORMED_URI = Expect.fail(400, "malformed request URI");
    private static final Expect BAD_SIGN = Expect.fail(401, "signature malformed: Sign is not 64 ASCII hex digits");
    private static final Expect BAD_TIME = Expect.fail(401, "signature malformed: RequestTime is not a number");
    private static final Expect MISMATCH = Expect.fail(401, "signature mismatch");

    private QueryCases() {
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        for (String name : NAMES) {
            Expect absent = ABSENT.get(name);
            cases.add(of(name + " missing", q -> q.without(name), absent));
            cases.add(of(name + " empty", q -> q.set(name, name + "="), absent));
            cases.add(of(name + " without '='", q -> q.set(name, name), absent));
            cases.add(of(name + " in lower case", q -> q.set(name, name.toLowerCase() + "=" + q.value(name)),
                    name.equals(name.toLowerCase()) ? Expect.ok() : absent));
            cases.add(of(name + " in upper case", q -> q.set(name, name.toUpperCase() + "=" + q.value(name)), absent));
            cases.add(of(name + " repeated with the same value", q -> q.append(name + "=" + q.value(name)), Expect.ok()));
            for (String escape : List.of("%zz", "%", "%4", "%G1", "%%41")) {
                cases.add(of(name + " with broken escape " + escape, q -> q.value(name, v -> v + escape), MALFORMED_URI));
            }
            cases.add(of(name + " name with a broken escape", q -> q.set(name, name + "%z=" + q.value(name)), MALFORMED_URI));
        }
        cases.addAll(appIds());
        cases.addAll(commands());
        cases.addAll(signs());
        cases.addAll(requestTimes());
        cases.add(of("a stray '&&' and a valueless pair", q -> q.append("&&flag"), Expect.ok()));
        cases.add(of("an unknown extra parameter", q -> q.append("Extra=1"), Expect.ok()));
        cases.add(of("500 extra parameters", q -> q.append("p=1&".repeat(499) + "p=1"), Expect.ok()));
        cases.add(of("500 extra parameters before the genuine ones", q -> q.prepend("p=1&".repeat(499) + "p=1"), Expect.ok()));
        cases.add(of("only escapes in an extra parameter", q -> q.append("x=" + "%41".repeat(1000)), Expect.ok()));
        cases.add(of("an empty query", q -> {
            NAMES.forEach(q::without);
            return q;
        }, Expect.fail(403, "SdkAppid is missing")));
        cases.add(HostileCase.of("query: none at all", RawRequest.post("/").body(BODY), Expect.fail(403, "SdkAppid is missing")));
        cases.add(of("a fragment after the query", q -> q.append("x=1#fragment"), Expect.ok()));
        cases.add(of("informational values in raw UTF-8", q -> q.set("ClientIP", "ClientIP=端末"), MALFORMED_URI));
        cases.add(of("a Sign in raw UTF-8", q -> q.value("Sign", v -> "٠" + v.substring(1)), MALFORMED_URI));
        cases.add(of("informational values percent-encoded UTF-8", q -> q.set("ClientIP", "ClientIP=%E7%AB%AF").set("OptPlatform",
                "OptPlatform=%E5%AE%89"), Expect.ok()));
        cases.add(of("informational values overlong", q -> q.set("ClientIP", "ClientIP=" + "1".repeat(2000)), Expect.ok()));
        return cases;
    }

    private static List<HostileCase> appIds() {
        return List.of(
                of("SdkAppid unknown", q -> q.set("SdkAppid", "SdkAppid=999"), Expect.fail(403, "SdkAppid 999 is not configured")),
                of("SdkAppid repeated, an unknown one first", q -> q.prepend("SdkAppid=999"),
                        Expect.fail(403, "SdkAppid 999 is not configured")),
                of("SdkAppid in fullwidth digits", q -> q.set("SdkAppid", "SdkAppid=%EF%BC%91%EF%BC%94%EF%BC%90%EF%BC%90"),
                        Expect.fail(403, "is not configured")),
                of("SdkAppid with a trailing space", q -> q.value("SdkAppid", v -> v + "%20"), Expect.fail(403, "is not configured")),
                of("SdkAppid with a NUL", q -> q.value("SdkAppid", v -> v + "%00"), Expect.fail(403, "is not configured")),
                of("SdkAppid invalid UTF-8", q -> q.value("SdkAppid", v -> v + "%C3%28"), Expect.fail(403, "is not configured")),
                of("SdkAppid overlong", q -> q.set("SdkAppid", "SdkAppid=" + "q".repeat(1500)), Expect.fail(403, "…(1500 chars) is not configured")),
                of("SdkAppid with a newline", q -> q.set("SdkAppid", "SdkAppid=1%0Aforged"), Expect.fail(403, "SdkAppid 1?forged is not")),
                of("SdkAppid a blank", q -> q.set("SdkAppid", "SdkAppid=+++"), Expect.fail(403, "SdkAppid is missing")));
    }

    private static List<HostileCase> commands() {
        String differs = "differs from the query's";
        return List.of(
                of("CallbackCommand differs from the body's", q -> q.set("CallbackCommand", "CallbackCommand=C2C.CallbackAfterSendMsg"),
                        Expect.fail(400, differs)),
                of("CallbackCommand repeated, another first", q -> q.prepend("CallbackCommand=C2C.CallbackAfterSendMsg"),
                        Expect.fail(400, differs)),
                of("CallbackCommand in lower-case letters", q -> q.value("CallbackCommand", String::toLowerCase), Expect.fail(400, differs)),
                of("CallbackCommand non-ASCII", q -> q.value("CallbackCommand", v -> v + "%E2%80%8B"), Expect.fail(400, differs)),
                of("CallbackCommand overlong", q -> q.value("CallbackCommand", v -> v + "x".repeat(2000)), Expect.fail(400, differs)),
                of("CallbackCommand a blank", q -> q.set("CallbackCommand", "CallbackCommand=%20"),
                        Expect.fail(400, "CallbackCommand query parameter is missing")));
    }

    private static List<HostileCase> signs() {
        List<HostileCase> cases = new ArrayList<>();
        Map<String, UnaryOperator<String>> malformed = new java.util.LinkedHashMap<>();
        malformed.put("one digit short", v -> v.substring(1));
        malformed.put("one digit long", v -> v + "0");
        malformed.put("128 digits", v -> v + v);
        malformed.put("1920 digits", v -> v.repeat(30));
        malformed.put("a 'g' in it", v -> "g" + v.substring(1));
        malformed.put("a space in it", v -> "+" + v.substring(1));
        malformed.put("a NUL in it", v -> "%00" + v.substring(1));
        malformed.put("a newline in it", v -> "%0A" + v.substring(1));
        malformed.put("a leading space", v -> "%20" + v.substring(1));
        malformed.put("base64 instead of hex", v -> "F3c7vJpnHXuaqDVFhwTSptuBNgpZQCkrWHtW1nYNSEE%3D".repeat(1) + "AAAAAAAAAAAAAAAAAAA");
        malformed.put("prefixed sha256=", v -> "sha256%3D" + v.substring(7));
        // Each is a digit or a letter to Character.digit(c, 16), and no hex digit to HexFormat.
        Map<String, String> lookAlikes = Map.of("Arabic-Indic digits", "\u0660\u0661\u0662\u0663",
                "Devanagari digits", "\u0966\u0967\u0968\u0969", "fullwidth digits", "\uFF10\uFF11\uFF12\uFF13",
                "fullwidth letters", "\uFF21\uFF22\uFF41\uFF42", "mathematical digits", "\uD835\uDFCE\uD835\uDFCF",
                "superscript digits", "\u00B2\u00B3\u00B9\u2070");
        lookAlikes.forEach((kind, chars) -> {
            malformed.put(kind + ", percent-encoded", v -> encode(chars) + v.substring(chars.length()));
            malformed.put(kind + " only", v -> encode(chars.repeat(64 / chars.length())));
        });
        malformed.forEach((kind, edit) -> cases.add(of("Sign with " + kind, q -> q.value("Sign", edit), BAD_SIGN)));
        cases.add(of("Sign repeated, a malformed one first", q -> q.prepend("Sign=abc"), BAD_SIGN));
        cases.add(of("Sign repeated, the right one first", q -> q.append("Sign=abc"), Expect.ok()));
        cases.add(of("Sign in upper-case hex", q -> q.value("Sign", String::toUpperCase), Expect.ok()));
        cases.add(of("Sign of 64 zeros", q -> q.set("Sign", "Sign=" + "0".repeat(64)), MISMATCH));
        cases.add(of("Sign of another token", q -> q.set("Sign", "Sign=" + CallbackSignature.sign("other", q.value("RequestTime"))), MISMATCH));
        cases.add(of("Sign of the token with another time", q -> q.set("Sign", "Sign="
                + CallbackSignature.sign(TOKEN, String.valueOf(Instant.now().getEpochSecond() - 7))), MISMATCH));
        cases.add(of("Sign of the token alone", q -> q.set("Sign", "Sign=" + CallbackSignature.sign(TOKEN, "")), MISMATCH));
        return cases;
    }

    private static List<HostileCase> requestTimes() {
        List<HostileCase> cases = new ArrayList<>();
        Map<String, String> malformed = new java.util.LinkedHashMap<>();
        malformed.put("negative", "-1670000000");
        malformed.put("with a plus sign", "%2B1670000000");
        malformed.put("a decimal", "1670000000.5");
        malformed.put("in hex", "0x63886000");
        malformed.put("in exponent form", "1.67e9");
        malformed.put("13 digits", "1670000000000");
        malformed.put("past a long", "99999999999999999999");
        malformed.put("an ISO date", "2026-01-01T00:00:00Z");
        malformed.put("a word", "now");
        malformed.put("NaN", "NaN");
        malformed.put("with a space", "1670000000%20");
        malformed.put("a NUL", "%00");
        malformed.put("Arabic-Indic digits", encode("\u0661\u0666\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660"));
        malformed.put("fullwidth digits", encode("\uFF11\uFF16\uFF17\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10"));
        malformed.forEach((kind, value) -> cases.add(of("RequestTime " + kind, q -> q.set("RequestTime", "RequestTime=" + value), BAD_TIME)));
        cases.add(of("RequestTime zero", q -> signedAt(q, "0"), Expect.fail(401, "signature expired")));
        cases.add(of("RequestTime an hour ago", q -> signedAt(q, String.valueOf(Instant.now().getEpochSecond() - 3600)),
                Expect.fail(401, "signature expired")));
        cases.add(of("RequestTime an hour ahead", q -> signedAt(q, String.valueOf(Instant.now().getEpochSecond() + 3600)),
                Expect.fail(401, "signature future")));
        cases.add(of("RequestTime in 12 nines", q -> signedAt(q, "999999999999"), Expect.fail(401, "signature future")));
        cases.add(of("RequestTime with a leading zero, signed as sent", q -> signedAt(q, "0" + Instant.now().getEpochSecond()), Expect.ok()));
        cases.add(of("RequestTime repeated, a stale one first", q -> q.prepend("RequestTime=1"), Expect.fail(401, "signature expired")));
        cases.add(of("RequestTime in milliseconds", q -> signedAt(q, String.valueOf(Instant.now().toEpochMilli())), BAD_TIME));
        return cases;
    }

    private static SignedQuery signedAt(SignedQuery query, String time) {
        return query.set("RequestTime", "RequestTime=" + time).set("Sign", "Sign=" + CallbackSignature.sign(TOKEN, time));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static HostileCase of(String name, UnaryOperator<SignedQuery> edit, Expect expect) {
        return HostileCase.of("query: " + name, RawRequest.post(edit.apply(HostileTarget.query()).target()).body(BODY), expect);
    }
}
