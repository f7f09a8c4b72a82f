package dev.chatgate.core.protocol;

/** The client platforms Tencent names in {@code OptPlatform}, one constant per platform whatever its casing. */
public enum Platform {
    RESTAPI("RESTAPI"),
    WEB("Web"),
    ANDROID("Android"),
    IOS("iOS"),
    WINDOWS("Windows"),
    MACOS("macOS"),
    IPAD("iPad"),
    LINUX("Linux"),
    UNKNOWN("Unknown"),
    /** A value Tencent sent that this version does not know; {@link OptPlatform#raw()} keeps it. */
    OTHER("");

    private final String canonical;

    Platform(String canonical) {
        this.canonical = canonical;
    }

    /** Tencent's current spelling. */
    public String canonical() {
        return canonical;
    }
}
