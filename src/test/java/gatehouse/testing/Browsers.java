package gatehouse.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Starts Debian's headless Chromium for a browser test, with its profile and caches in {@code profileDir}.
 * Missing binaries skip the test with a printed reason, unless GATEHOUSE_TEST_BROWSER=required (CI), where
 * they fail it.
 */
public final class Browsers {
    private Browsers() {}

    public static ChromeDriver start(Path profileDir) {
        String chromium = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(chromedriver))) {
            String reason = "no Chromium at " + chromium + " or no driver at " + chromedriver
                    + " (apt-get install chromium chromium-driver)";
            if ("required".equals(System.getenv("GATEHOUSE_TEST_BROWSER"))) {
                fail(reason);
            }
            System.out.println("[browser-test] SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--lang=en-US", "--user-data-dir=" + profileDir);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .withEnvironment(Map.of("XDG_CONFIG_HOME", profileDir + "/xdg-config",
                        "XDG_CACHE_HOME", profileDir + "/xdg-cache", "TMPDIR", profileDir.toString()))
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        return new ChromeDriver(service, options);
    }
}
