package dev.chatgate.server.hostile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.core.spec.CommandRegistry;
import dev.chatgate.fixtures.generator.InvalidVariant;
import dev.chatgate.fixtures.generator.PayloadGenerator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every command of the spec with one field of the wrong type, from the payload generator: refused with the pointer
 * by an app that enforces the schema, accepted by one in the default {@code report} mode.
 */
final class SchemaCases {

    private static final int VARIANTS_PER_COMMAND = 2;

    private SchemaCases() {
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        PayloadGenerator generator = PayloadGenerator.bundled();
        List<CommandDescriptor> commands = CommandRegistry.bundled().all().stream()
                .sorted(Comparator.comparing(CommandDescriptor::command)).toList();
        for (CommandDescriptor descriptor : commands) {
            String command = descriptor.command();
            ObjectNode valid = generator.generate(command, 22);
            List<InvalidVariant> wrongTypes = generator.invalidVariants(command, valid).stream()
                    .filter(v -> "type".equals(v.expectedKeyword())).limit(VARIANTS_PER_COMMAND).toList();
            for (InvalidVariant variant : wrongTypes) {
                String body = variant.payload().toString();
                cases.add(HostileCase.of("schema, enforce: " + command + " " + variant.description(),
                        post(HostileTarget.ENFORCING_APP, command, body),
                        Expect.fail(400, "body does not match the " + command + " schema: " + variant.expectedPointer())));
                cases.add(HostileCase.of("schema, report: " + command + " " + variant.description(),
                        post(HostileTarget.APP, command, body), Expect.ok()));
            }
        }
        return cases;
    }

    private static RawRequest post(String app, String command, String body) {
        return RawRequest.post(SignedQuery.of(app, HostileTarget.TOKEN, command).target()).body(body);
    }
}
