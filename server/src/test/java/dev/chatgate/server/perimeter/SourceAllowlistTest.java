package dev.chatgate.server.perimeter;

import dev.chatgate.core.signature.CallbackSignature;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An app's {@code allowed-sources} let in callbacks from those blocks only, the source being the connection's peer
 * or, behind a trusted proxy, the forwarded address it names; the tests' connections come from 127.0.0.1.
 */
class SourceAllowlistTest {

    private static final String COMMAND = "Group.CallbackAfterGroupFull";
    private static final String BODY = "{\"CallbackCommand\":\"" + COMMAND + "\",\"GroupId\":\"@TGS#allow\"}";

    private static EmbeddedServer start(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("micronaut.server.port", -1);
        all.put("chatgate.inbox.enabled", false);
        all.put("chatgate.apps.1400000000.tokens", "t");
        return ApplicationContext.run(EmbeddedServer.class, all);
    }

    private static HttpResponse<String> send(EmbeddedServer server, String... headers) throws Exception {
        String time = String.valueOf(System.currentTimeMillis() / 1000);
        URI uri = URI.create(server.getURL() + "/?SdkAppid=1400000000&CallbackCommand=" + COMMAND
                + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=iOS&RequestTime=" + time
                + "&Sign=" + CallbackSignature.sign("t", time));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSourceOutsideTheAppsBlocksIsRefusedWithItsAddressAndTheKey() throws Exception {
        try (EmbeddedServer server = start(Map.of("chatgate.apps.1400000000.allowed-sources", "10.0.0.0/8"))) {
            HttpResponse<String> answer = send(server);

            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body()).contains("\"ActionStatus\":\"FAIL\"").contains("\"ErrorCode\":403")
                    .contains("source 127.0.0.1 is not among chatgate.apps.1400000000.allowed-sources");
        }
    }

    @Test
    void aSourceInsideTheAppsBlocksIsAnsweredAsEver() throws Exception {
        try (EmbeddedServer server = start(Map.of("chatgate.apps.1400000000.allowed-sources", "10.0.0.0/8,127.0.0.0/8"))) {
            HttpResponse<String> answer = send(server);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"ActionStatus\":\"OK\"");
        }
    }

    @Test
    void aForwardedAddressFromAPeerThatIsNoTrustedProxyIsNotBelieved() throws Exception {
        try (EmbeddedServer server = start(Map.of("chatgate.apps.1400000000.allowed-sources", "10.0.0.0/8"))) {
            HttpResponse<String> answer = send(server, "X-Forwarded-For", "10.1.2.3");

            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body()).contains("source 127.0.0.1 is not among");
        }
    }

    @Test
    void behindATrustedProxyTheSourceIsTheNearestForwardedAddressThatIsNoProxy() throws Exception {
        try (EmbeddedServer server = start(Map.of("chatgate.apps.1400000000.allowed-sources", "10.0.0.0/8",
                "chatgate.trusted-proxies", "127.0.0.1,192.0.2.0/24"))) {
            assertThat(send(server, "X-Forwarded-For", "203.0.113.9, 10.1.2.3, 192.0.2.7").statusCode())
                    .as("a client that forges 203.0.113.9 before the real hop is not believed either").isEqualTo(200);

            HttpResponse<String> forged = send(server, "X-Forwarded-For", "10.1.2.3, 203.0.113.9");
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("source 203.0.113.9 is not among");

            HttpResponse<String> garbage = send(server, "X-Forwarded-For", "unknown");
            assertThat(garbage.statusCode()).isEqualTo(403);
            assertThat(garbage.body()).contains("the request's source cannot be told");
        }
    }

    @Test
    void anAppWithoutTheSettingTakesCallbacksFromAnywhere() throws Exception {
        try (EmbeddedServer server = start(Map.of())) {
            assertThat(send(server, "X-Forwarded-For", "203.0.113.9").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBlockThatIsNotOneStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> start(Map.of("chatgate.apps.1400000000.allowed-sources", "10.0.0.0/8,tencent.example")))
                .hasStackTraceContaining("chatgate.apps.1400000000.allowed-sources[1]: 'tencent.example' is not an"
                        + " IPv4 or IPv6 address");
        assertThatThrownBy(() -> start(Map.of("chatgate.trusted-proxies", "10.0.0.0/99")))
                .hasStackTraceContaining("chatgate.trusted-proxies[0]: '10.0.0.0/99' has a prefix length");
    }
}
