package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.store.NewEvent;
import static dev.chatgate.server.inbox.TestKeys.key;

/** New events for tests of the store's upkeep, where only their being written matters. */
final class TestEvents {

    private TestEvents() {
    }

    /** A group event with its own dedupe key and order key, named by {@code label}. */
    static NewEvent groupEvent(String label, long receivedAt) {
        return new NewEvent("1400000000", "Group.CallbackAfterGroupFull", key(label), "group-" + label,
                "SdkAppid=1400000000&CallbackCommand=Group.CallbackAfterGroupFull", "{\"GroupId\":\"" + label + "\"}",
                receivedAt);
    }
}
