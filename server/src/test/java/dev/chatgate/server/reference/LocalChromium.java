package dev.chatgate.server.reference;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, with a profile of its own.
 * Both paths are given to Selenium, so Selenium Manager never looks for, or downloads, a browser or a driver.
 */
final class LocalChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private LocalChromium() {
    }

    static ChromeDriver start(Path profile) throws IOException {
        for (Path binary : new Path[] {BROWSER, DRIVER}) {
            assertThat(Files.isExecutable(binary))
                    .as("%s is missing: the browser test needs Debian's chromium and chromium-driver "
                            + "(apt-get install -y chromium chromium-driver; .ci/run installs them)", binary)
                    .isTrue();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1400", "--user-data-dir=" + Files.createDirectories(profile).toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
