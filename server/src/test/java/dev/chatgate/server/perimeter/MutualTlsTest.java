package dev.chatgate.server.perimeter;

import dev.chatgate.core.signature.CallbackSignature;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutual TLS, which Tencent's console offers for HTTPS callbacks: with a client certificate required, only a
 * certificate signed by the configured CA gets a TLS session at all, over real handshakes with certificates this
 * test makes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsTest {

    private static final String COMMAND = "Group.CallbackAfterGroupFull";
    private static final String BODY = "{\"CallbackCommand\":\"" + COMMAND + "\",\"GroupId\":\"@TGS#tls\"}";

    private EmbeddedServer server;
    private Path serverTrust;
    private Path clientKey;
    private Path strangerKey;

    @BeforeAll
    void start() throws Exception {
        TestCertificates certificates = new TestCertificates(Files.createTempDirectory(Path.of("target"), "tls-").toAbsolutePath());
        Path ca = certificates.authority("callbacks-ca");
        Path other = certificates.authority("other-ca");
        Path serverKey = certificates.signedBy(ca, "localhost", "san=ip:127.0.0.1,dns:localhost");
        clientKey = certificates.signedBy(ca, "tencent-client", null);
        strangerKey = certificates.signedBy(other, "stranger", null);
        serverTrust = certificates.trusting(ca, "trust");
        Map<String, Object> settings = new HashMap<>();
        settings.put("micronaut.server.port", -1);
        settings.put("micronaut.server.ssl.enabled", true);
        settings.put("micronaut.server.ssl.port", -1);
        settings.put("micronaut.server.ssl.client-authentication", "need");
        settings.put("micronaut.server.ssl.key-store.path", "file:" + serverKey);
        settings.put("micronaut.server.ssl.key-store.password", TestCertificates.PASSWORD);
        settings.put("micronaut.server.ssl.key-store.type", "PKCS12");
        settings.put("micronaut.server.ssl.trust-store.path", "file:" + serverTrust);
        settings.put("micronaut.server.ssl.trust-store.password", TestCertificates.PASSWORD);
        settings.put("micronaut.server.ssl.trust-store.type", "PKCS12");
        settings.put("chatgate.inbox.enabled", false);
        settings.put("chatgate.apps.1400000000.tokens", "t");
        server = ApplicationContext.run(EmbeddedServer.class, settings);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientCertificateSignedByTheConfiguredAuthorityIsAnswered() throws Exception {
        HttpResponse<String> answer = send(clientKey);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"ActionStatus\":\"OK\"");
    }

    @Test
    void withoutAClientCertificateThereIsNoSession() {
        // TLS 1.3 servers say certificate_required; the JDK's, like TLS 1.2's, bad_certificate.
        assertThatThrownBy(() -> send(null)).isInstanceOf(SSLHandshakeException.class)
                .satisfies(failure -> assertThat(chain(failure)).containsAnyOf("bad_certificate", "certificate_required"));
    }

    @Test
    void aCertificateFromAnotherAuthorityIsRefusedInTheHandshake() {
        assertThatThrownBy(() -> send(strangerKey)).isInstanceOf(SSLHandshakeException.class)
                .satisfies(failure -> assertThat(chain(failure)).containsAnyOf("bad_certificate", "unknown_ca",
                        "certificate_unknown"));
    }

    @Test
    void theServerItselfIsVerifiedByTheClientAgainstTheSameAuthority() throws Exception {
        SSLHandshakeException refused = null;
        try {
            HttpClient.newBuilder().sslContext(context(clientKey, null)).build().send(request(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (SSLHandshakeException e) {
            refused = e;
        }
        assertThat(refused).as("a client trusting only the JDK's authorities does not trust this server").isNotNull();
    }

    private HttpResponse<String> send(Path clientStore) throws Exception {
        return HttpClient.newBuilder().sslContext(context(clientStore, serverTrust)).build()
                .send(request(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request() {
        String time = String.valueOf(System.currentTimeMillis() / 1000);
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.getPort() + "/?SdkAppid=1400000000"
                        + "&CallbackCommand=" + COMMAND + "&contenttype=json&RequestTime=" + time
                        + "&Sign=" + CallbackSignature.sign("t", time)))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    }

    private static SSLContext context(Path keyStore, Path trustStore) throws Exception {
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), TestCertificates.PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore == null ? null : load(trustStore));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        return store;
    }

    private static String chain(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return out.toString();
    }
}
