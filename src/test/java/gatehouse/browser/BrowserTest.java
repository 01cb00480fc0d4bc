package gatehouse.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.testing.BrowserSession;
import gatehouse.testing.Browsers;
import gatehouse.testing.MutableClock;
import gatehouse.testing.Oathtool;
import gatehouse.testing.TestApp;
import gatehouse.domain.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Gatehouse in a real browser (Debian's headless Chromium): the pages work, their scripts run under the
 * Content-Security-Policy without console errors, and they fit a phone's width. Skipped with a printed
 * reason when Chromium is missing, unless GATEHOUSE_TEST_BROWSER=required (CI), where that fails.
 */
class BrowserTest {
    @TempDir
    static Path profileDir;

    private static ChromeDriver driver;
    private static TestApp app;
    private static BrowserSession session;
    private static MutableClock clock;

    @BeforeAll
    static void startBrowser() {
        driver = Browsers.start(profileDir);
        clock = MutableClock.startingNow();
        app = TestApp.builder().clock(clock).start();
        session = new BrowserSession(driver, app);
        app.createMember("browser", Role.MEMBER);
        app.createMember("keeper", Role.ADMIN);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void freshBrowserState() {
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(app.baseUrl() + "/health");
        driver.manage().deleteAllCookies();
        consoleProblems();
    }

    @AfterEach
    void noConsoleProblems() {
        assertEquals(List.of(), consoleProblems(), "console warnings or errors (CSP violations included)");
    }

    @Test
    void a_person_signs_up_logs_in_and_watches_the_countdowns() {
        session.open("/signup");
        session.type("username", "NewPerson");
        session.type("password", "quiet-meadow-river-stone");
        session.type("passwordConfirm", "quiet-meadow-river-stone");
        session.type("name", "New Person");
        session.type("nickname", "Newbie");
        driver.findElement(By.cssSelector("input[name=privacyConsent]")).click();
        driver.findElement(By.cssSelector("form[action='/signup'] button[type=submit]")).click();
        session.waitFor(By.cssSelector("p.notice"));
        assertTrue(session.text().contains("Welcome, Newbie"), session.text());

        session.type("username", "newperson");
        session.type("password", "quiet-meadow-river-stone");
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        session.waitFor(By.id("access-countdown"));
        assertTrue(driver.getCurrentUrl().endsWith("/me"));

        WebElement onPage = driver.findElement(By.id("time-on-page"));
        String first = onPage.getText();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> !onPage.getText().equals(first));
        String countdown = driver.findElement(By.id("access-countdown")).getText();
        assertTrue(countdown.matches("\\d+:\\d\\d(:\\d\\d)?"), "countdown shows minutes and seconds: " + countdown);
        assertTrue(driver.findElement(By.id("token-claims")).getText().contains("\"typ\" : \"access\""));
        screenshot("me");
    }

    @Test
    void the_password_hint_says_when_the_two_passwords_match() {
        session.open("/signup");
        session.type("password", "quiet-meadow-river-stone");
        session.type("passwordConfirm", "quiet-meadow");
        WebElement match = driver.findElement(By.id("password-match"));
        assertEquals("The passwords do not match yet.", match.getText());
        driver.findElement(By.id("passwordConfirm")).sendKeys("-river-stone");
        assertEquals("The passwords match.", match.getText());
        assertNotEquals("", driver.findElement(By.id("password-strength")).getText());
    }

    @Test
    void sign_up_errors_come_back_beside_their_fields_without_javascript_help() {
        session.open("/signup");
        session.type("username", "ab");
        driver.findElement(By.cssSelector("form[action='/signup'] button[type=submit]")).click();
        session.waitFor(By.id("username-error"));
        assertEquals("true", driver.findElement(By.id("username")).getAttribute("aria-invalid"));
        assertEquals("ab", driver.findElement(By.id("username")).getAttribute("value"));
        assertEquals("", driver.findElement(By.id("password")).getAttribute("value"));
    }

    @Test
    void the_language_switch_turns_the_page_korean() {
        session.open("/login");
        driver.findElement(By.cssSelector("button[name=lang][value=ko]")).click();
        // The old page's <html> goes stale when the new page replaces it between finding and reading it.
        new WebDriverWait(driver, Duration.ofSeconds(5)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> "ko".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertTrue(session.text().contains("아이디"), session.text());
    }

    @Test
    void pages_fit_a_phone_screen_without_sideways_scrolling() {
        driver.manage().window().setSize(new Dimension(390, 844));
        login();
        for (String path : List.of("/login", "/signup", "/me", "/me/second-factor")) {
            session.open(path);
            Object widest = ((JavascriptExecutor) driver).executeScript(
                    "if (document.documentElement.scrollWidth <= window.innerWidth) return null;"
                    + "return Array.from(document.querySelectorAll('body *'))"
                    + ".filter(e => e.getBoundingClientRect().right > window.innerWidth)"
                    + ".map(e => e.tagName + '.' + e.className + '#' + e.id + '@' + Math.round(e.getBoundingClientRect().right)).join(', ')"
                    + " + ' scrollWidth=' + document.documentElement.scrollWidth + ' inner=' + window.innerWidth;");
            assertEquals(null, widest, path + " is wider than the phone; elements past the edge");
        }
        screenshot("me-phone");
    }

    @Test
    void the_admin_pages_fit_a_phone_screen_too() {
        driver.manage().window().setSize(new Dimension(390, 844));
        session.login("keeper");
        for (String path : List.of("/admin/users", "/admin/audit", "/me/edit")) {
            session.open(path);
            Object fits = ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth");
            assertEquals(Boolean.TRUE, fits, path + " is wider than the phone");
        }
        session.open("/admin/users");
        assertTrue(session.text().contains("browser"), "the member list names the member");
        screenshot("admin-users-phone");
    }

    @Test
    void a_member_turns_on_the_second_factor_with_an_authenticator_and_then_logs_in_with_its_code() {
        app.createMember("phoneuser", Role.MEMBER);
        session.login("phoneuser");
        session.open("/me");
        driver.findElement(By.linkText("Manage")).click();
        session.waitFor(By.id("qr-code"));
        WebElement qr = driver.findElement(By.id("qr-code"));
        assertTrue(qr.isDisplayed() && qr.getSize().getWidth() >= 150 && qr.getSize().getWidth() == qr.getSize().getHeight(),
                "the QR code is drawn square and large enough to scan: " + qr.getSize());
        // The phone: read the secret shown beside the QR code, as a person typing it into an app would.
        String secret = driver.findElement(By.id("secret")).getText();
        session.type("code", Oathtool.code(secret, clock.instant()));
        screenshot("second-factor-enrol");
        driver.findElement(By.cssSelector("form[action='/me/second-factor'] button[type=submit]")).click();
        session.waitFor(By.id("recovery-codes"));
        assertEquals(10, driver.findElements(By.cssSelector("#recovery-codes li")).size());
        screenshot("second-factor-recovery-codes");

        driver.findElement(By.cssSelector("form[action='/logout'] button[type=submit]")).click();
        session.waitFor(By.cssSelector("a[href='/login']"));
        clock.advance(Duration.ofSeconds(30));
        session.open("/login");
        session.type("username", "phoneuser");
        session.type("password", TestApp.PASSWORD);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        session.waitFor(By.cssSelector("form[action='/login/second-factor']"));
        assertTrue(driver.getCurrentUrl().endsWith("/login/second-factor"), driver.getCurrentUrl());
        session.type("code", Oathtool.code(secret, clock.instant()));
        driver.findElement(By.cssSelector("form[action='/login/second-factor'] button[type=submit]")).click();
        session.waitFor(By.id("access-countdown"));
        assertEquals("On", driver.findElement(By.id("second-factor")).getText());
        assertTrue(driver.findElement(By.id("token-claims")).getText().contains("\"otp\""), "amr says otp");
    }

    private void login() {
        session.login("browser");
    }

    private static List<String> consoleProblems() {
        // A form sent back with errors (422) or a failed login (401) is a page, not a broken resource.
        return session.consoleProblems().stream()
                .filter(problem -> !problem.matches(".*the server responded with a status of (401|422).*")).toList();
    }

    private void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
