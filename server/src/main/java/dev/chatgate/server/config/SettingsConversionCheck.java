package dev.chatgate.server.config;

import dev.chatgate.server.inbox.settings.InboxSettings;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.naming.NameUtils;
import jakarta.inject.Singleton;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Refuses a setting whose value cannot be read as its type ({@code lease: abc}, {@code validation: sometimes}),
 * naming the key and the value. Micronaut binds such a value to a record as if it were unset, and its default would
 * then be used in silence (micronaut-core issue 4762). The beans that read settings first depend on this check.
 */
@Singleton
public final class SettingsConversionCheck {


    public SettingsConversionCheck(Environment environment) {
        List<String> problems = new ArrayList<>();
        InboxSettings.RECORDS.forEach(type -> check(environment, "chatgate.inbox.", type, problems));
        for (String app : environment.getPropertyEntries("chatgate.apps")) {
            check(environment, "chatgate.apps." + app + ".", AppConfiguration.class, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid chatgate configuration:\n  " + String.join("\n  ", problems));
        }
    }

    private static void check(Environment environment, String prefix, Class<? extends Record> type,
                              List<String> problems) {
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> valueType = component.getType();
            // Text (the entry's own name among it) and lists of text always convert.
            if (valueType == String.class || Collection.class.isAssignableFrom(valueType)) {
                continue;
            }
            String key = prefix + NameUtils.hyphenate(component.getName());
            Optional<String> raw = environment.getProperty(key, String.class);
            if (raw.isPresent() && environment.getProperty(key, valueType).isEmpty()) {
                problems.add(key + " must be " + expected(valueType) + ", not '" + raw.get() + "'");
            }
        }
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(value -> ((Enum<?>) value).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        if (type == java.time.Duration.class) {
            return "a duration with its unit (1500ms, 30s, 5m, PT1M)";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return "a whole number";
    }
}
