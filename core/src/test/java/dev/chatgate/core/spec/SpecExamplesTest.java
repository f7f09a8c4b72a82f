package dev.chatgate.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgate.core.binding.FieldLoss;
import dev.chatgate.core.binding.PayloadBinder;
import dev.chatgate.core.validation.PayloadValidator;
import dev.chatgate.core.validation.ValidationResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
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
            List<String> lost = FieldLoss.between(JSON.readTree(example.json()), written);
            assertThat(lost).as("fields lost or changed by " + model.getSimpleName()).isEmpty();
        }));
    }
}
