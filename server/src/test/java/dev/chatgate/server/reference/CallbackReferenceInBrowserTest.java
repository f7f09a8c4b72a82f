package dev.chatgate.server.reference;

import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.core.spec.CommandRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The callback reference in a real headless Chromium, against the running service: list, search, a command's page. */
@MicronautTest
@Property(name = "micronaut.server.port", value = "-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackReferenceInBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "reference-screenshots");

    @Inject
    EmbeddedServer server;

    private ChromeDriver browser;

    @BeforeAll
    void startBrowser() throws Exception {
        browser = LocalChromium.start(Path.of("target", "chromium-profiles", UUID.randomUUID().toString()));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private List<WebElement> visibleRows() {
        return browser.findElements(By.cssSelector("#commands tbody tr")).stream().filter(WebElement::isDisplayed).toList();
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void everyCommandIsListedTheSearchNarrowsItAndACommandsPageShowsItsFieldsAndExamples() throws Exception {
        browser.get(server.getURL() + "/docs/callbacks");
        CommandRegistry registry = CommandRegistry.bundled();
        List<String> listed = visibleRows().stream()
                .map(row -> row.findElement(By.cssSelector("td a code")).getText()).toList();
        assertThat(listed).as("every command of the spec, each once")
                .containsExactlyInAnyOrderElementsOf(registry.all().stream().map(CommandDescriptor::command).toList());

        WebElement search = browser.findElement(By.id("search"));
        search.sendKeys("GroupId");
        List<WebElement> groupCommands = visibleRows();
        assertThat(groupCommands).as("commands with a GroupId field").isNotEmpty().hasSizeLessThan(registry.size());
        assertThat(groupCommands).allSatisfy(row -> assertThat(row.getAttribute("data-search")).contains("groupid"));
        assertThat(browser.findElement(By.id("count")).getText())
                .isEqualTo(groupCommands.size() + " of " + registry.size() + " commands");
        screenshot("index-search-groupid.png");

        search.clear();
        search.sendKeys("before send msg c2c");
        assertThat(visibleRows()).as("one command matches every word").singleElement()
                .satisfies(row -> assertThat(row.getText()).contains("C2C.CallbackBeforeSendMsg"));
        search.sendKeys(" nosuchword");
        assertThat(visibleRows()).isEmpty();
        assertThat(browser.findElement(By.id("nothing")).isDisplayed()).isTrue();

        search.clear();
        search.sendKeys("C2C.CallbackBeforeSendMsg");
        visibleRows().get(0).findElement(By.tagName("a")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/docs/callbacks/commands/C2C.CallbackBeforeSendMsg.html");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("C2C.CallbackBeforeSendMsg");
        List<String> fields = browser.findElements(By.cssSelector("#fields + table.fields td.field"))
                .stream().map(WebElement::getText).toList();
        assertThat(fields).contains("From_Account", "To_Account", "MsgBody", "MsgBody[].MsgContent");
        assertThat(browser.findElement(By.cssSelector("figure.example pre")).getText())
                .contains("\"CallbackCommand\" : \"C2C.CallbackBeforeSendMsg\"");
        assertThat(browser.findElement(By.cssSelector("table.codes")).getText()).contains("120001").contains("Decision.discard()");
        screenshot("command-c2c-before-send-msg.png");
    }
}
