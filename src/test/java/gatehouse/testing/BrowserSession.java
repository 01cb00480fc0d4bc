package gatehouse.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What a browser test does on a test app: open pages, fill fields, log in (with the second step), read the console. */
public final class BrowserSession {
    private final ChromeDriver driver;
    private final TestApp app;

    public BrowserSession(ChromeDriver driver, TestApp app) {
        this.driver = driver;
        this.app = app;
    }

    public void open(String path) {
        driver.get(app.baseUrl() + path);
    }

    public void type(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    public void waitFor(By locator) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Logs in; an administrator's second step is answered with the code their authenticator shows now. */
    public void login(String username) {
        open("/login");
        type("username", username);
        type("password", TestApp.PASSWORD);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        String code = app.secondFactorCode(username);
        if (code != null) {
            waitFor(By.cssSelector("form[action='/login/second-factor']"));
            type("code", code);
            driver.findElement(By.cssSelector("form[action='/login/second-factor'] button[type=submit]")).click();
        }
        waitFor(By.id("access-countdown"));
    }

    /** Console warnings and errors since the last call (CSP violations included). */
    public List<String> consoleProblems() {
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER).getAll()) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        return problems;
    }
}
