package dev.chatgate.server.hostile;

import dev.chatgate.core.signature.CallbackSignature;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Tencent's query string, signed now, as a list of raw {@code name=value} pairs that a case may edit before it is
 * joined: drop one, repeat one, rewrite one as bytes no encoder would produce.
 */
final class SignedQuery {

    private final List<String> pairs;

    private SignedQuery(List<String> pairs) {
        this.pairs = pairs;
    }

    static SignedQuery of(String app, String token, String command) {
        String time = String.valueOf(Instant.now().getEpochSecond());
        return new SignedQuery(new ArrayList<>(List.of("SdkAppid=" + app, "CallbackCommand=" + command,
                "contenttype=json", "ClientIP=127.0.0.1", "OptPlatform=RESTAPI",
                "Sign=" + CallbackSignature.sign(token, time), "RequestTime=" + time)));
    }

    /** The pair's raw value, e.g. the Sign this query was made with. */
    String value(String name) {
        return pairs.stream().filter(p -> p.startsWith(name + "=")).map(p -> p.substring(name.length() + 1))
                .findFirst().orElseThrow();
    }

    SignedQuery without(String name) {
        pairs.removeIf(p -> p.startsWith(name + "=") || p.equals(name));
        return this;
    }

    /** Sets the raw pair text for this name, e.g. {@code set("Sign", "Sign=%zz")}. */
    SignedQuery set(String name, String rawPair) {
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).startsWith(name + "=")) {
                pairs.set(i, rawPair);
                return this;
            }
        }
        pairs.add(rawPair);
        return this;
    }

    SignedQuery value(String name, UnaryOperator<String> edit) {
        return set(name, name + "=" + edit.apply(value(name)));
    }

    SignedQuery prepend(String rawPair) {
        pairs.add(0, rawPair);
        return this;
    }

    SignedQuery append(String rawPair) {
        pairs.add(rawPair);
        return this;
    }

    String target() {
        return "/?" + String.join("&", pairs);
    }
}
