package dev.chatgate.core.protocol;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

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

    /** Parses a raw query string ({@code a=1&b=2}); the first value of a repeated name wins. */
    public static CallbackQuery parse(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                parameters.putIfAbsent(name, value);
            }
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
        StringJoiner joiner = new StringJoiner("&");
        toParameters().forEach((name, value) -> joiner.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joiner.toString();
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

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
