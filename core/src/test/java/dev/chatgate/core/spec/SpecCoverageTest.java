package dev.chatgate.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SpecCoverageTest {

    private final CallbackSpec spec = CallbackSpec.bundled();
    private final CommandRegistry registry = CommandRegistry.bundled();

    @Test
    void everyCatalogueCommandIsInTheRegistryWithItsKind() throws Exception {
        assertThat(Catalogue.kinds(Catalogue.ADDITIONS_269)).containsOnlyKeys("C2C.CallbackAfterMsgReadReceipt",
                "C2C.CallbackAfterModifyMsg", "C2C.CallbackAfterMsgReadAll", "Group.CallbackAfterModifyMsg");
        Map<String, String> catalogue = Catalogue.kinds();
        assertThat(catalogue).hasSize(61);
        List<String> problems = new ArrayList<>();
        catalogue.forEach((command, kind) -> registry.find(command).ifPresentOrElse(
                d -> {
                    if (!d.kind().name().equalsIgnoreCase(kind)) {
                        problems.add(command + " is " + d.kind() + " in the spec but " + kind + " in the catalogue");
                    }
                },
                () -> problems.add(command + " has no webhook in the spec")));
        registry.all().stream().filter(d -> !catalogue.containsKey(d.command()))
                .forEach(d -> problems.add(d.command() + " is in the spec but not in the catalogue"));
        assertThat(problems).as("spec vs catalogue").isEmpty();
    }

    @Test
    void everyCommandHasSchemasModelsAndARequestExample() {
        Set<String> withRequestExample = SpecExamples.listed(spec).stream()
                .filter(e -> !e.answer()).map(SpecExample::command).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (CommandDescriptor d : registry.all()) {
            if (!spec.schemas().has(d.requestSchema())) {
                problems.add(d.command() + ": no request schema " + d.requestSchema());
            }
            if (!spec.schemas().has(d.responseSchema())) {
                problems.add(d.command() + ": no response schema " + d.responseSchema());
            }
            if (!withRequestExample.contains(d.command())) {
                problems.add(d.command() + ": no request example");
            }
            if (d.isBefore() && d.responseSchema().equals("CallbackAck")) {
                problems.add(d.command() + ": a before-callback needs its own response schema");
            }
            if (d.isBefore() && d.decisionRules().equals(DecisionRules.NONE)) {
                problems.add(d.command() + ": a before-callback needs x-decision");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyBeforeCallbackListsAnAnswerExampleForEachDecisionItSupports() {
        List<String> problems = new ArrayList<>();
        for (CommandDescriptor d : registry.all()) {
            if (!d.isBefore()) {
                continue;
            }
            Set<String> names = SpecExamples.listed(spec).stream()
                    .filter(e -> e.answer() && e.command().equals(d.command()))
                    .map(SpecExample::name).collect(Collectors.toSet());
            List<String> wanted = new ArrayList<>(List.of("allow"));
            if (d.decisionRules().denyCode().isPresent()) {
                wanted.add("deny");
            }
            if (d.decisionRules().canDiscard()) {
                wanted.add("discard");
            }
            if (d.decisionRules().hasCustomDenyRange()) {
                wanted.add("deny-custom");
            }
            wanted.stream().filter(w -> !names.contains(w))
                    .forEach(w -> problems.add(d.command() + ": no '" + w + "' answer example"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyExampleFileIsListedAndEveryListedExampleExists() {
        TreeSet<String> shipped = SpecExamples.shippedFiles(spec);
        TreeSet<String> listed = SpecExamples.listed(spec).stream().map(SpecExample::path)
                .collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> unlisted = new TreeSet<>(shipped);
        unlisted.removeAll(listed);
        TreeSet<String> missing = new TreeSet<>(listed);
        missing.removeAll(shipped);
        assertThat(unlisted).as("example files no webhook lists").isEmpty();
        assertThat(missing).as("examples the spec lists but no file has").isEmpty();
        assertThat(shipped).isNotEmpty();
    }

    @Test
    void everyExampleSitsInTheFolderOfTheCommandThatListsIt() {
        List<String> misplaced = SpecExamples.listed(spec).stream()
                .filter(e -> !e.path().startsWith("examples/" + e.command() + "/"
                        + (e.answer() ? "responses/" : "")) || (!e.answer() && e.path().contains("/responses/")))
                .map(e -> e.command() + " lists " + e.path()).toList();
        assertThat(misplaced).isEmpty();
    }

    @Test
    void everyMessageElementTypeHasAContentSchemaAndModelNamedAfterIt() {
        List<String> types = List.of("TIMTextElem", "TIMLocationElem", "TIMFaceElem", "TIMCustomElem",
                "TIMSoundElem", "TIMImageElem", "TIMFileElem", "TIMVideoFileElem", "TIMRelayElem");
        for (String type : types) {
            assertThat(spec.schemas().has(type)).as(type + " schema").isTrue();
            assertThat(ModelNames.modelClass(type).getSimpleName()).isEqualTo(type);
        }
    }

    @Test
    void everyComponentSchemaHasAGeneratedModel() {
        List<String> missing = new ArrayList<>();
        spec.schemas().fieldNames().forEachRemaining(name -> {
            JsonNode schema = spec.schemas().path(name);
            // A union (anyOf of plain types) is a value, mapped to a Java type in the pom, not a model.
            if (schema.path("type").asText("object").equals("object")
                    && !schema.has("items") && !schema.has("anyOf")) {
                try {
                    ModelNames.modelClass(name);
                } catch (IllegalStateException e) {
                    missing.add(name);
                }
            }
        });
        assertThat(missing).isEmpty();
    }
}
