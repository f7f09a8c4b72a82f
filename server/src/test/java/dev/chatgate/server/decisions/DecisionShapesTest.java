package dev.chatgate.server.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatgate.core.binding.ModelMapper;
import dev.chatgate.api.Decision;
import dev.chatgate.core.spec.CallbackSpec;
import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.core.spec.CommandRegistry;
import dev.chatgate.core.spec.DecisionRules;
import dev.chatgate.core.spec.SpecExample;
import dev.chatgate.core.spec.SpecExamples;
import dev.chatgate.core.validation.PayloadValidator;
import dev.chatgate.fixtures.sender.SenderResult;
import dev.chatgate.fixtures.sender.TencentSender;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every documented answer of every before-callback (the spec's answer examples: allow, deny, discard, custom
 * refusal, rewritten message, partial refusal, per-friend results, RspData), produced by a handler returning
 * the matching typed decision, must arrive on the wire exactly as documented and fit the response schema.
 */
@MicronautTest(environments = ScriptedHandlers.ENV)
class DecisionShapesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ENVELOPE = Set.of("ActionStatus", "ErrorCode", "ErrorInfo");

    @Inject
    EmbeddedServer server;

    @TestFactory
    Stream<DynamicTest> everyDocumentedAnswerShapeIsProducedByATypedDecision() {
        CallbackSpec spec = CallbackSpec.bundled();
        TencentSender sender = TencentSender.to(server.getURL() + "/").app("1400000000").token("local-dev-token").build();
        return SpecExamples.listed(spec).stream().filter(SpecExample::answer).map(answer -> DynamicTest.dynamicTest(
                answer.path(), () -> {
                    CommandDescriptor command = CommandRegistry.bundled().find(answer.command()).orElseThrow();
                    JsonNode documented = JSON.readTree(answer.json());
                    ObjectNode request = (ObjectNode) JSON.readTree(SpecExamples.requestsOf(spec, answer.command()).get(0).json());
                    request.put("TestCase", answer.path());
                    String body = JSON.writeValueAsString(request);
                    ScriptedHandlers.SCRIPT.put(body, decisionFor(command, documented));

                    SenderResult result = sender.send(answer.command(), body);

                    assertThat(result.status()).as(result.toString()).isEqualTo(200);
                    assertThat(result.json()).as("the wire answer is the documented one").isEqualTo(documented);
                    assertThat(PayloadValidator.bundled().validateResponse(answer.command(), result.json()).violations())
                            .isEmpty();
                }));
    }

    /** The typed decision a handler would return to produce this documented answer. */
    private static Decision<?> decisionFor(CommandDescriptor command, JsonNode answer) throws Exception {
        int code = answer.path("ErrorCode").asInt();
        String info = answer.path("ErrorInfo").asText("");
        DecisionRules rules = command.decisionRules();
        boolean hasFields = stream(answer).anyMatch(name -> !ENVELOPE.contains(name));
        if ("FAIL".equals(answer.path("ActionStatus").asText())) {
            return Decision.fail(code, info);
        }
        if (code == 0) {
            return hasFields ? Decision.allowWith(ModelMapper.shared().readValue(answer.toString(), command.responseModel()))
                    : Decision.allow();
        }
        if (rules.denyCode().isPresent() && rules.denyCode().getAsInt() == code) {
            return info.isEmpty() ? Decision.deny() : Decision.deny(info);
        }
        if (rules.discardCode().isPresent() && rules.discardCode().getAsInt() == code) {
            return Decision.discard();
        }
        return Decision.denyWithCode(code, info);
    }

    private static Stream<String> stream(JsonNode node) {
        Iterable<String> names = node::fieldNames;
        return java.util.stream.StreamSupport.stream(names.spliterator(), false);
    }
}
