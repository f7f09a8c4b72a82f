package dev.chatgate.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgate.core.binding.PayloadBinder;
import dev.chatgate.core.validation.PayloadValidator;
import dev.chatgate.core.validation.ValidationResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example, one test each, against its OWN command's schema, and through its generated model. */
class SpecExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CallbackSpec spec = CallbackSpec.bundled();
    private final CommandRegistry registry = CommandRegistry.bundled();
    private final PayloadValidator validator = PayloadValidator.bundled();
    private final PayloadBinder binder = new PayloadBinder(dev.chatgate.core.binding.ModelMapper.shared());

    @TestFactory
    Stream<DynamicTest> everyExampleValidatesAgainstItsOwnCommandsSchema() {
        return SpecExamples.listed(spec).stream().map(example -> DynamicTest.dynamicTest(example.path(), () -> {
            JsonNode node = PayloadValidator.parse(example.json());
            ValidationResult result = example.answer()
                    ? validator.validateResponse(example.command(), node)
                    : validator.validateRequest(example.command(), node);
            assertThat(result.violations()).as(result.describe()).isEmpty();
            if (!example.answer() && node.has("CallbackCommand")) {
                assertThat(node.path("CallbackCommand").asText()).isEqualTo(example.command());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRoundTripsThroughItsModelWithoutLosingAField() {
        return SpecExamples.listed(spec).stream().map(example -> DynamicTest.dynamicTest(example.path(), () -> {
            CommandDescriptor command = registry.find(example.command()).orElseThrow();
            Class<?> model = example.answer() ? command.responseModel() : command.requestModel();
            Object bound = binder.bind(model, example.command(), example.json());
            JsonNode written = JSON.readTree(dev.chatgate.core.binding.ModelMapper.shared().writeValueAsBytes(bound));
            List<String> lost = new ArrayList<>();
            compare("", JSON.readTree(example.json()), written, lost);
            assertThat(lost).as("fields lost or changed by " + model.getSimpleName()).isEmpty();
        }));
    }

    /** Every value of the original is in the copy; a numeric string may come back as the number it spells. */
    private static void compare(String pointer, JsonNode original, JsonNode copy, List<String> lost) {
        if (copy == null || copy.isMissingNode()) {
            lost.add(pointer + " missing");
        } else if (original.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                compare(pointer + "/" + field.getKey(), field.getValue(), copy.get(field.getKey()), lost);
            }
        } else if (original.isArray()) {
            if (!copy.isArray() || copy.size() != original.size()) {
                lost.add(pointer + " array changed");
                return;
            }
            for (int i = 0; i < original.size(); i++) {
                compare(pointer + "/" + i, original.get(i), copy.get(i), lost);
            }
        } else if (!sameScalar(original, copy)) {
            lost.add(pointer + " was " + original + ", became " + copy);
        }
    }

    private static boolean sameScalar(JsonNode original, JsonNode copy) {
        if (original.isNumber() && copy.isNumber()) {
            return original.decimalValue().compareTo(copy.decimalValue()) == 0;
        }
        if (original.isTextual() && copy.isNumber() && original.asText().matches("[0-9]+")) {
            return original.asText().equals(copy.asText());
        }
        return original.equals(copy);
    }
}
