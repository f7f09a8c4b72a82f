package dev.chatgate.core.protocol;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query parameters Tencent appends to the webhook URL. The sender writes them with {@link #toQueryString()},
 * the receiver reads them with {@link #fromParameters(Map)}: one definition of the wire format.
 */
public record CallbackQuery(String sdkAppId, String callbackCommand, String contentType, String clientIp,
                            String optPlatform, String sign, String requestTime) {

    public static final String SDK_APPID = "SdkAppid";
    public static final String CALLBACK_COMMAND = "CallbackCommand";
    public static final String CONTENT_TYPE = "contenttype";
    public static final String CLIENT_IP = "ClientIP";
    public static final String OPT_PLATFORM = "OptPlatform";
    public static final String SIGN = "Sign";
    public static final String REQUEST_TIME = "RequestTime";

    public static CallbackQuery fromParameters(Map<String, String> parameters) {
        return new CallbackQuery(parameters.get(SDK_APPID), parameters.get(CALLBACK_COMMAND),
                parameters.get(CONTENT_TYPE), parameters.get(CLIENT_IP), parameters.get(OPT_PLATFORM),
                parameters.get(SIGN), parameters.get(REQUEST_TIME));
    }

    /**
     * Parses a raw query string ({@code a=1&b=2}); the first value of a repeated name wins.
     *
     * @throws IllegalArgumentException when a name or value holds a malformed percent escape
     */
    public static CallbackQuery parse(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        int length = rawQuery == null ? 0 : rawQuery.length();
        int from = 0;
        while (from < length) {
            int end = rawQuery.indexOf('&', from);
            end = end < 0 ? length : end;
            int eq = rawQuery.indexOf('=', from);
            if (end > from) {
                boolean valued = eq >= 0 && eq < end;
                parameters.putIfAbsent(decode(rawQuery, from, valued ? eq : end),
                        valued ? decode(rawQuery, eq + 1, end) : "");
            }
            from = end + 1;
        }
        return fromParameters(parameters);
    }

    public Map<String, String> toParameters() {
        Map<String, String> out = new LinkedHashMap<>();
        putIfPresent(out, SDK_APPID, sdkAppId);
        putIfPresent(out, CALLBACK_COMMAND, callbackCommand);
        putIfPresent(out, CONTENT_TYPE, contentType);
        putIfPresent(out, CLIENT_IP, clientIp);
        putIfPresent(out, OPT_PLATFORM, optPlatform);
        putIfPresent(out, SIGN, sign);
        putIfPresent(out, REQUEST_TIME, requestTime);
        return out;
    }

    /** The query string in Tencent's order, URL-encoded, without the leading '?'. */
    public String toQueryString() {
        StringBuilder out = new StringBuilder(160);
        toParameters().forEach((name, value) -> out.append(out.isEmpty() ? "" : "&").append(name).append('=')
                .append(encode(value)));
        return out.toString();
    }

    public OptPlatform platform() {
        return OptPlatform.parse(optPlatform);
    }

    public CallbackQuery withSignature(String newSign, String newRequestTime) {
        return new CallbackQuery(sdkAppId, callbackCommand, contentType, clientIp, optPlatform, newSign, newRequestTime);
    }

    private static void putIfPresent(Map<String, String> out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    // Tencent's values are plain ASCII words and numbers: they are taken as they are, without the JDK's coders.
    private static String decode(String raw, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == '%' || c == '+') {
                return URLDecoder.decode(raw.substring(from, to), StandardCharsets.UTF_8);
            }
        }
        return raw.substring(from, to);
    }

    private static String encode(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
                    || c == '-' || c == '_' || c == '*';
            if (!plain) {
                return URLEncoder.encode(value, StandardCharsets.UTF_8);
            }
        }
        return value;
    }
}
