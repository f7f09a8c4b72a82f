package dev.chatgate.server.example;

import dev.chatgate.api.Decision;
import dev.chatgate.core.message.MessageElements;
import dev.chatgate.model.TIMMsgElement;
import dev.chatgate.model.TIMTextElem;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Looks at the text elements of a message: a blocked word refuses it, a masked word is replaced by asterisks. */
@Singleton
@Requires(property = "chatgate.example.enabled", value = "true")
public final class WordFilter {

    /** What to do with one message. */
    public sealed interface Verdict {
        record Pass() implements Verdict {
        }

        record Block(String word) implements Verdict {
        }

        record Mask(List<TIMMsgElement> maskedBody) implements Verdict {
        }
    }

    private final WordFilterRules rules;

    public WordFilter(WordFilterRules rules) {
        this.rules = rules;
    }

    /**
     * The decision for a message: refused with {@code blockedCode} (a code of the command's custom range, shown
     * to the sender), delivered rewritten through {@code rewrite}, or allowed as it is.
     */
    public <R> Decision<R> decide(List<TIMMsgElement> body, int blockedCode, Function<List<TIMMsgElement>, R> rewrite) {
        Verdict verdict = judge(body);
        if (verdict instanceof Verdict.Block block) {
            return Decision.denyWithCode(blockedCode, "Messages mentioning '" + block.word() + "' are not allowed");
        }
        if (verdict instanceof Verdict.Mask mask) {
            return Decision.allowWith(rewrite.apply(mask.maskedBody()));
        }
        return Decision.allow();
    }

    public Verdict judge(List<TIMMsgElement> body) {
        String text = MessageElements.of(body).text().toLowerCase(Locale.ROOT);
        Optional<String> blocked = rules.getBlocked().stream().filter(text::contains).findFirst();
        if (blocked.isPresent()) {
            return new Verdict.Block(blocked.get());
        }
        if (rules.getMasked().stream().noneMatch(text::contains)) {
            return new Verdict.Pass();
        }
        List<TIMMsgElement> masked = new ArrayList<>();
        for (TIMMsgElement element : body) {
            boolean isText = "TIMTextElem".equals(element.getMsgType());
            masked.add(isText ? new TIMMsgElement("TIMTextElem", Map.of("Text", mask(textOf(element)))) : element);
        }
        return new Verdict.Mask(masked);
    }

    private static String textOf(TIMMsgElement element) {
        return MessageElements.of(List.of(element)).first(TIMTextElem.class).map(TIMTextElem::getText).orElse("");
    }

    private String mask(String text) {
        String out = text;
        for (String word : rules.getMasked()) {
            out = Pattern.compile(Pattern.quote(word), Pattern.CASE_INSENSITIVE).matcher(out)
                    .replaceAll("*".repeat(word.length()));
        }
        return out;
    }
}
