package dev.chatgate.server.inbox;

import dev.chatgate.server.inbox.store.NewEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class NewEventTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a1", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
            "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdeg0123456789abcdef0123456789abcdef0123456789abcdef"})
    void aDedupeKeyThatIsNotSixtyFourLowercaseHexDigitsIsRefusedAndNamed(String key) {
        assertThatThrownBy(() -> event(key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A dedupe key is 64 lowercase hex digits, not \"" + key + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0000000000000000000000000000000000000000000000000000000000000000"})
    void aKeyAsEventKeysMakesItIsTaken(String key) {
        assertThatNoException().isThrownBy(() -> event(key));
    }

    private static NewEvent event(String key) {
        return new NewEvent("1400000000", "Group.CallbackAfterGroupFull", key, "k", "SdkAppid=1400000000", "{}", 1);
    }
}
