package dev.chatgate.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad configuration stops the start-up with a message that names the key. */
class StartupConfigurationTest {

    private static Throwable startupFailure(Map<String, Object> properties, String... environments) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("micronaut.server.port", -1);
        all.put("chatgate.inbox.data-dir", "target/test-inbox/startup-" + System.nanoTime());
        Throwable thrown = null;
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, all, environments).getApplicationContext()) {
            context.getBean(EmbeddedServer.class);
        } catch (Throwable e) {
            thrown = e;
        }
        assertThat(thrown).as("start-up should fail").isNotNull();
        return thrown;
    }

    private static String allMessages(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c.getMessage()).append('\n');
        }
        return out.toString();
    }

    @Test
    void aDeadlineAtOrAboveTencentsTimeoutNamesTheKey() {
        Throwable failure = startupFailure(Map.of("chatgate.apps.1400000009.deadline", "2s"));
        assertThat(allMessages(failure)).contains("chatgate.apps.1400000009.deadline must be above 0 and below Tencent's 2 s timeout");
    }

    @Test
    void requiringSignaturesWithoutATokenNamesBothKeys() {
        Throwable failure = startupFailure(Map.of("chatgate.apps.1400000009.require-signature", "true"));
        assertThat(allMessages(failure)).contains(
                "chatgate.apps.1400000009.require-signature is true but chatgate.apps.1400000009.tokens is empty");
    }

    @Test
    void inboxSettingsThatWouldStallDeliveryNameTheirKey() {
        assertThat(allMessages(startupFailure(Map.of("chatgate.inbox.delivery-backlog", "0"))))
                .contains("chatgate.inbox.delivery-backlog must be at least 1, not 0");
        assertThat(allMessages(startupFailure(Map.of("chatgate.inbox.workers", "0"))))
                .contains("chatgate.inbox.workers must be at least 1, not 0");
        assertThat(allMessages(startupFailure(Map.of("chatgate.inbox.lease", "0s"))))
                .contains("chatgate.inbox.lease must be above 0, not PT0S");
    }

    @Test
    void aNonNumericAppKeyIsRefused() {
        Throwable failure = startupFailure(Map.of("chatgate.apps.my-app.tokens", "t"));
        assertThat(allMessages(failure)).contains("chatgate.apps.my-app: an app is keyed by its numeric SdkAppid");
    }

    @Test
    void anUnknownValidationModeNamesTheKey() {
        Throwable failure = startupFailure(Map.of("chatgate.apps.1400000009.validation", "sometimes"));
        assertThat(allMessages(failure)).contains("validation").contains("sometimes");
    }

    @Test
    void twoDecisionHandlersForOneBeforeCallbackStopTheStartUp() {
        Throwable failure = startupFailure(Map.of("chatgate.example.enabled", "true"), TestHandlers.ENV);
        assertThat(allMessages(failure)).contains("Two decision handlers for C2C.CallbackBeforeSendMsg");
    }

    @Test
    void tokensMayBeGivenAsACommaSeparatedListAsAnEnvironmentVariableWould() {
        Map<String, Object> properties = Map.of("micronaut.server.port", -1,
                "chatgate.inbox.data-dir", "target/test-inbox/startup-" + System.nanoTime(),
                "chatgate.apps.1400000009.tokens", "a,b", "chatgate.apps.1400000009.validation", "enforce");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            var app = context.getBean(dev.chatgate.server.config.AppDirectory.class).find("1400000009").orElseThrow();
            assertThat(app.config().tokens()).containsExactly("a", "b");
            assertThat(app.config().requireSignature()).isTrue();
            assertThat(app.config().validation()).isEqualTo(dev.chatgate.server.config.ValidationMode.ENFORCE);
        }
    }

    @Test
    void aValueThatIsNotOfItsTypeNamesTheKeyRatherThanFallingBackToTheDefault() {
        assertThat(allMessages(startupFailure(Map.of("chatgate.inbox.lease", "abc"))))
                .contains("chatgate.inbox.lease must be a duration with its unit (1500ms, 30s, 5m, PT1M), not 'abc'");
        assertThat(allMessages(startupFailure(Map.of("chatgate.inbox.workers", "many"))))
                .contains("chatgate.inbox.workers must be a whole number, not 'many'");
        assertThat(allMessages(startupFailure(Map.of("chatgate.apps.1400000009.deadline", "soon"))))
                .contains("chatgate.apps.1400000009.deadline must be a duration");
        assertThat(allMessages(startupFailure(Map.of("chatgate.apps.1400000009.timeout-decision", "maybe"))))
                .contains("chatgate.apps.1400000009.timeout-decision must be one of allow, deny, not 'maybe'");
    }
}
