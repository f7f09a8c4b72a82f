package dev.chatgate.server.example;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;

import java.util.List;
import java.util.Locale;

/** Words the example filter refuses outright, and words it masks with asterisks. */
@ConfigurationProperties("chatgate.example.word-filter")
@Requires(property = "chatgate.example.enabled", value = "true")
public final class WordFilterRules {

    private List<String> blocked = List.of("casino");
    private List<String> masked = List.of("darn");

    public List<String> getBlocked() {
        return blocked;
    }

    public void setBlocked(List<String> blocked) {
        this.blocked = lowerCase(blocked);
    }

    public List<String> getMasked() {
        return masked;
    }

    public void setMasked(List<String> masked) {
        this.masked = lowerCase(masked);
    }

    private static List<String> lowerCase(List<String> words) {
        return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }
}
