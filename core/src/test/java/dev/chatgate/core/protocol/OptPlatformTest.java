package dev.chatgate.core.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OptPlatformTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"iOS, IOS", "IOS, IOS", "Mac, MACOS", "macOS, MACOS", "RESTAPI, RESTAPI", "Web, WEB",
            "Android, ANDROID", "Windows, WINDOWS", "iPad, IPAD", "Unknown, UNKNOWN", "Linux, LINUX"})
    void tencentsSpellingsNormaliseToOnePlatform(String raw, Platform expected) {
        OptPlatform platform = OptPlatform.parse(raw);
        assertThat(platform.platform()).isEqualTo(expected);
        assertThat(platform.raw()).isEqualTo(raw);
        assertThat(platform.isKnown()).isTrue();
    }

    @Test
    void anUnknownValueIsKeptNotLost() {
        OptPlatform platform = OptPlatform.parse("HarmonyOS");
        assertThat(platform.platform()).isEqualTo(Platform.OTHER);
        assertThat(platform.isKnown()).isFalse();
        assertThat(platform.canonical()).isEqualTo("HarmonyOS");
    }

    @Test
    void anAbsentValueIsUnknownWithNoRaw() {
        assertThat(OptPlatform.parse(null)).isEqualTo(new OptPlatform(Platform.UNKNOWN, null));
        assertThat(OptPlatform.parse(" ").platform()).isEqualTo(Platform.UNKNOWN);
    }

    @Test
    void canonicalIsTencentsCurrentSpelling() {
        assertThat(OptPlatform.parse("IOS").canonical()).isEqualTo("iOS");
        assertThat(OptPlatform.parse("Mac").canonical()).isEqualTo("macOS");
    }
}
