package dev.chatgate.server;

import dev.chatgate.server.config.AppConfiguration;
import dev.chatgate.server.perimeter.PerimeterSettings;
import dev.chatgate.server.inbox.settings.InboxSettings;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.naming.NameUtils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md against the settings classes (the apps', the inbox's, the perimeter's): every key a class binds is documented, every documented key
 * is bound, and each documented default is the one the class applies, so that the reference cannot drift.
 */
class ConfigurationReferenceTest {

    private static final Path PAGE = Path.of("..", "docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(chatgate\\.[^`]+)` \\| `([^`]*)` \\|", Pattern.MULTILINE);
    private static final String APP = "chatgate.apps.<SdkAppid>.";
    /** Keys whose default is worked out when the service starts, not fixed: the page says how in their meaning. */
    private static final Set<String> DERIVED = Set.of("chatgate.inbox.url", "chatgate.inbox.node-id",
            "chatgate.apps.<SdkAppid>.require-signature");

    @Test
    void everyKeyOfTheSettingsClassesIsDocumentedWithTheDefaultTheyApply() throws Exception {
        Map<String, String> documented = documentedDefaults();
        Map<String, Object> bound = boundDefaults();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> key : bound.entrySet()) {
            String doc = documented.get(key.getKey());
            if (doc == null) {
                problems.add(key.getKey() + " is bound but not in " + PAGE);
            } else if (!sameDefault(key.getKey(), doc, key.getValue())) {
                problems.add(key.getKey() + ": the page says `" + doc + "`, the class applies " + key.getValue());
            }
        }
        Set<String> unbound = new TreeSet<>(documented.keySet());
        unbound.removeAll(bound.keySet());
        unbound.removeIf(key -> !key.startsWith("chatgate.inbox.") && !key.startsWith(APP));
        unbound.remove("chatgate.inbox.enabled");
        unbound.forEach(key -> problems.add(key + " is documented but no settings class binds it"));
        assertThat(problems).as("docs/configuration.md against the settings classes").isEmpty();
    }

    @Test
    void theInboxSwitchIsDocumentedAsOnByDefault() throws IOException {
        assertThat(documentedDefaults()).containsEntry("chatgate.inbox.enabled", "true");
    }

    private static boolean sameDefault(String key, String documented, Object applied) {
        if (DERIVED.contains(key)) {
            return true;
        }
        if (documented.equals("(unset)")) {
            return applied == null;
        }
        if (applied == null) {
            return false;
        }
        if (applied instanceof List<?> list) {
            return documented.equals("[]") && list.isEmpty();
        }
        String text = documented.equals("\"\"") ? "" : documented;
        return ConversionService.SHARED.convert(text, applied.getClass()).map(applied::equals).orElse(false);
    }

    private static Map<String, String> documentedDefaults() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(PAGE));
        while (row.find()) {
            out.put(row.group(1), row.group(2));
        }
        return out;
    }

    /** Each settings class built as Micronaut builds it when nothing is set: every component null. */
    private static Map<String, Object> boundDefaults() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Class<? extends Record> type : InboxSettings.RECORDS) {
            out.putAll(defaultsOf(type, "chatgate.inbox."));
        }
        out.putAll(defaultsOf(AppConfiguration.class, APP));
        out.putAll(defaultsOf(PerimeterSettings.class, "chatgate."));
        return out;
    }

    private static Map<String, Object> defaultsOf(Class<? extends Record> type, String prefix) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        Constructor<? extends Record> canonical = type.getDeclaredConstructor(types);
        // The entry's name (@Parameter, the SdkAppid) is the key's middle, not a key of its own.
        boolean[] named = new boolean[components.length];
        Object[] nulls = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            named[i] = canonical.getParameters()[i].isAnnotationPresent(Parameter.class);
            nulls[i] = named[i] ? "1400000000" : null;
        }
        Record built = canonical.newInstance(nulls);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            if (!named[i]) {
                out.put(prefix + NameUtils.hyphenate(components[i].getName()), components[i].getAccessor().invoke(built));
            }
        }
        return out;
    }
}
