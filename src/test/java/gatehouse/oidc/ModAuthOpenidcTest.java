package gatehouse.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.testing.Browsers;
import gatehouse.testing.TestApp;
import gatehouse.domain.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "done when": an unmodified Apache httpd with mod_auth_openidc protects a page with Gatehouse
 * logins. A real browser opens the page, is sent to Gatehouse, logs in, consents, and sees the claims the
 * module passes on; logging out through the module ends the Gatehouse session too.
 */
class ModAuthOpenidcTest {
    @TempDir
    static Path profileDir;

    @Test
    void apache_protects_a_page_with_gatehouse_logins_and_its_logout_ends_the_gatehouse_session() throws Exception {
        ChromeDriver browser = Browsers.start(profileDir);
        int port = Httpd.freePort();
        try (TestApp app = TestApp.builder().reachableIssuer().start()) {
            app.createMember("wikiuser", Role.MEMBER);
            var clients = app.services().clients();
            var wiki = clients.register(null, new ClientRequest("Team wiki", "confidential",
                    List.of("http://localhost:" + port + "/protected/redirect_uri"),
                    List.of("http://localhost:" + port + "/loggedout.html"), List.of("openid", "profile"), false), "127.0.0.1");
            try (Httpd httpd = Httpd.start(port, app.config().server().publicUrl(), wiki.client().clientId(), wiki.clientSecret())) {
                var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                // A wait that times out says where the browser is and what Apache logged.
                wait.withMessage(() -> "at " + browser.getCurrentUrl() + "\n" + httpd.log());
                browser.get(httpd.baseUrl() + "/protected/");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
                assertTrue(browser.getCurrentUrl().startsWith(app.baseUrl() + "/login?next="), browser.getCurrentUrl());
                browser.findElement(By.id("username")).sendKeys("wikiuser");
                browser.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
                browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
                wait.until(ExpectedConditions.elementToBeClickable(By.id("allow"))).click();

                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("who")));
                assertEquals(httpd.baseUrl() + "/protected/", browser.getCurrentUrl(), httpd.log());
                assertEquals("wikiuser", text(browser, "who"));
                assertEquals("Name wikiuser", text(browser, "name"));
                assertEquals("MEMBER", text(browser, "role"));

                browser.findElement(By.id("logout")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bye")));
                browser.get(app.baseUrl() + "/me");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
                assertTrue(browser.getCurrentUrl().startsWith(app.baseUrl() + "/login"), "the Gatehouse session ended too");
            }
        } finally {
            browser.quit();
        }
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }
}
