package dev.chatgate.core.protocol;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code OptPlatform} query parameter, normalised: {@code IOS} and {@code iOS} are {@link Platform#IOS},
 * {@code Mac} and {@code macOS} are {@link Platform#MACOS}. A value this version does not know is
 * {@link Platform#OTHER} and is kept in {@link #raw()}; an absent one is {@link Platform#UNKNOWN} with raw null.
 */
public record OptPlatform(Platform platform, String raw) {

    private static final Map<String, Platform> BY_LOWER_CASE = Map.ofEntries(
            Map.entry("restapi", Platform.RESTAPI),
            Map.entry("web", Platform.WEB),
            Map.entry("android", Platform.ANDROID),
            Map.entry("ios", Platform.IOS),
            Map.entry("windows", Platform.WINDOWS),
            Map.entry("macos", Platform.MACOS),
            Map.entry("mac", Platform.MACOS),
            Map.entry("ipad", Platform.IPAD),
            Map.entry("linux", Platform.LINUX),
            Map.entry("unknown", Platform.UNKNOWN));

    public static OptPlatform parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new OptPlatform(Platform.UNKNOWN, null);
        }
        Platform platform = BY_LOWER_CASE.getOrDefault(raw.trim().toLowerCase(Locale.ROOT), Platform.OTHER);
        return new OptPlatform(platform, raw);
    }

    public boolean isKnown() {
        return platform != Platform.OTHER;
    }

    /** Tencent's current spelling, or the raw value when unknown. */
    public String canonical() {
        return platform == Platform.OTHER ? raw : platform.canonical();
    }
}
