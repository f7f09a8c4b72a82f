package dev.chatgate.server.reference.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgate.core.spec.CallbackSpec;
import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.core.spec.CommandRegistry;
import dev.chatgate.core.spec.SpecExample;
import dev.chatgate.core.spec.SpecExamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The site written from the bundled spec: a page per command, and on it what the spec says about the command. */
class ReferenceSiteTest {

    private static final CallbackSpec SPEC = CallbackSpec.bundled();
    private static final CommandRegistry REGISTRY = CommandRegistry.bundled();

    @TempDir
    static Path site;

    @BeforeAll
    static void writeSite() throws IOException {
        assertThat(ReferenceSite.write(SPEC, REGISTRY, site)).isEqualTo(REGISTRY.size());
    }

    private static String page(String command) throws IOException {
        return Files.readString(site.resolve(Html.commandPage(command)));
    }

    @Test
    void thereIsOnePagePerCommandOfTheSpecAndNoOther() throws IOException {
        try (Stream<Path> pages = Files.list(site.resolve("commands"))) {
            assertThat(pages.map(p -> p.getFileName().toString().replace(".html", "")))
                    .containsExactlyInAnyOrderElementsOf(REGISTRY.all().stream().map(CommandDescriptor::command).toList());
        }
        assertThat(Files.readString(site.resolve("index.html"))).contains(REGISTRY.size() + " of " + REGISTRY.size() + " commands");
    }

    @Test
    void eachPageNamesItsKindCategoryAndTencentsDocPage() throws IOException {
        for (CommandDescriptor command : REGISTRY.all()) {
            String url = SPEC.webhooks().path(command.command()).path("post").path("externalDocs").path("url").asText();
            assertThat(page(command.command())).as(command.command())
                    .contains((command.isBefore() ? "before" : "after") + "-callback</span>")
                    .contains(Html.escape(command.category()))
                    .contains("href=\"" + url + "\"");
        }
    }

    @Test
    void eachExampleOfTheSpecIsShownOnItsCommandsPage() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (SpecExample example : SpecExamples.listed(SPEC)) {
            String page = page(example.command());
            String firstField = json.readTree(example.json()).fieldNames().next();
            assertThat(page).as(example.path()).contains(Html.escape(example.path()))
                    .contains("&quot;" + firstField + "&quot; : ");
        }
    }

    @Test
    void aBeforeCallbackShowsEveryCodeItsDecisionRulesKnow() throws IOException {
        for (CommandDescriptor command : REGISTRY.all()) {
            if (!command.isBefore()) {
                continue;
            }
            String page = page(command.command());
            var rules = command.decisionRules();
            rules.denyCode().ifPresent(c -> assertThat(page).as(command.command()).contains("<code>" + c + "</code>"));
            rules.clientErrorOnDeny().ifPresent(c -> assertThat(page).as(command.command()).contains("error " + c));
            rules.discardCode().ifPresent(c -> assertThat(page).as(command.command()).contains("Decision.discard()"));
            if (rules.hasCustomDenyRange()) {
                assertThat(page).as(command.command()).contains(rules.customDenyRangeText());
            }
        }
    }

    @Test
    void anAfterCallbackShowsItsDedupeAndOrderKeys() throws IOException {
        for (CommandDescriptor command : REGISTRY.all()) {
            String page = page(command.command());
            assertThat(page).as(command.command()).contains("Dedupe key").contains("Order key");
            command.dedupePointers().forEach(p -> assertThat(page).as(command.command()).contains("<code>" + p + "</code>"));
        }
        assertThat(page("Group.CallbackAfterNewMemberJoin")).contains("Per group (<code>GroupId</code>)");
        assertThat(page("C2C.CallbackBeforeSendMsg")).contains("it is not stored in the inbox");
    }

    @Test
    void anAliasIsShownBesideItsField() throws IOException {
        assertThat(page("Group.CallbackAfterCreateGroup")).containsPattern("<code>GroupId</code>.*<code>groupID</code>");
        assertThat(Files.readString(site.resolve("schemas.html"))).contains("id=\"TIMFileElem\"").contains("<code>fileName</code>");
    }
}
