package dev.chatgate.server.inbox;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.util.Map;

@MicronautTest(environments = RecordingListener.ENV)
class H2InboxDeliveryTest extends InboxDeliveryContract {

    @Override
    Map<String, String> database() {
        return Map.of("chatgate.inbox.data-dir", "target/test-inbox/delivery-" + System.nanoTime());
    }
}
