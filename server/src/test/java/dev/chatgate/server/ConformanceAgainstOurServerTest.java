package dev.chatgate.server;

import dev.chatgate.fixtures.conformance.ConformanceResult;
import dev.chatgate.fixtures.conformance.ConformanceRun;
import dev.chatgate.fixtures.sender.ReceiverTarget;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's conformance run, pointed at our own service on a non-default path, passes every row. */
@MicronautTest
@Property(name = "chatgate.path", value = "/tencent/callback")
@Property(name = "chatgate.max-body-bytes", value = "1048576")
@Property(name = "chatgate.apps.1400000000.tokens[0]", value = "conformance-token")
class ConformanceAgainstOurServerTest {

    @Inject
    EmbeddedServer server;

    @Test
    void everyCommandAndEveryHostileCasePasses() {
        ConformanceResult result = new ConformanceRun(
                new ReceiverTarget(server.getURL() + "/tencent/callback", "1400000000", "conformance-token")).run();
        assertThat(result.failedRowNames()).as("rows that failed").isEmpty();
        assertThat(result.commands()).hasSize(61);
        assertThat(result.hostile()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(result.passed()).isTrue();
    }
}
