package gatehouse.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.Gender;
import gatehouse.account.ProfileForm;
import gatehouse.account.SignupForm;
import gatehouse.account.User;
import gatehouse.domain.Role;
import gatehouse.token.Amr;
import gatehouse.testing.BrowserSession;
import gatehouse.testing.Browsers;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The administrators' pages in a real browser: at 1280 px the member list and the member page fit without
 * sideways scrolling, inside the page or inside a table, with every action button on screen. Also takes the
 * README's screenshots (login, sign-up, member page, member list, an administrator's member page; English
 * and Korean; desktop and phone) into docs/screenshots.
 */
class AdminPagesBrowserTest {
    private static final int DESKTOP = 1280;
    private static final int PHONE = 390;
    private static final Path SCREENSHOTS = Path.of("docs", "screenshots");
    private static final String CHROME_ON_WINDOWS =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

    /**
     * What sticks out: null when the page fits the window. An action button or link counts as out of view when
     * its right edge is past the window's. With {@code arguments[0]} true (desktop), a table that scrolls
     * sideways inside its box counts too; on a phone a long table may scroll inside its box, the page may not.
     */
    private static final String OVERFLOW = """
            const strict = arguments[0];
            const width = document.documentElement.clientWidth;
            const problems = [];
            if (document.documentElement.scrollWidth > width) {
                problems.push('page scrollWidth ' + document.documentElement.scrollWidth + ' > ' + width);
            }
            for (const box of document.querySelectorAll('.table-wrap')) {
                if (strict && box.scrollWidth > box.clientWidth) {
                    problems.push('table scrolls sideways: ' + box.scrollWidth + ' > ' + box.clientWidth);
                }
            }
            for (const action of document.querySelectorAll('td.actions button, td.actions a, .action-bar button, .action-bar a')) {
                const box = action.getBoundingClientRect();
                if (box.right > width || box.left < 0) {
                    problems.push('action "' + action.textContent.trim() + '" at ' + Math.round(box.left) + '..' + Math.round(box.right));
                }
            }
            return problems.length ? problems.join('; ') : null;""";

    @TempDir
    static Path profileDir;

    private static ChromeDriver driver;
    private static TestApp app;
    private static BrowserSession session;
    private static MutableClock clock;
    private static User grace;

    @BeforeAll
    static void start() {
        driver = Browsers.start(profileDir);
        clock = new MutableClock(Instant.parse("2026-11-20T09:30:00Z"));
        app = TestApp.builder().clock(clock).start();
        session = new BrowserSession(driver, app);
        // A minute apart, so that the list's order (newest first) is the same in every run.
        app.createMember("keeper", Role.ADMIN);
        clock.advance(Duration.ofMinutes(1));
        app.createMember("member", Role.MEMBER);
        clock.advance(Duration.ofMinutes(1));
        grace = member("gracehopper", "Grace Hopper", "Amazing Grace", "Rear admiral; wrote the first compiler.",
                "+1 555-0100", "1906-12-09", Gender.FEMALE);
        clock.advance(Duration.ofHours(3));
        User minjun = member("minjun.kim", "김민준", "민준", "", "010-1234-5678", "1994-03-21", Gender.MALE);
        clock.advance(Duration.ofHours(5));
        User long_ = member("a_very_long_name_01", "Maximiliane Alexandrina Hohenzollern-Sigmaringen",
                "Maxi", "", "", "", Gender.UNDISCLOSED);
        app.enrolSecondFactor(minjun);
        // Sessions on devices the test browser is not, as a member's laptop and phone would open them.
        app.services().refreshTokens().start(grace.id(), CHROME_ON_WINDOWS, "198.51.100.23", Amr.PASSWORD);
        app.services().refreshTokens().start(grace.id(), SAFARI_ON_IPHONE, "203.0.113.7", Amr.PASSWORD);
        app.services().refreshTokens().start(minjun.id(), SAFARI_ON_IPHONE, "203.0.113.8", Amr.PASSWORD_AND_OTP);
        // A lock with its date, the widest state a row can show.
        app.users().countAttempt(long_.id(), 0, 7, clock.instant().plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(20));
    }

    private static User member(String username, String name, String nickname, String introduction, String phone,
                               String birthday, Gender gender) {
        return app.accounts().signUp(new SignupForm(username, TestApp.PASSWORD, TestApp.PASSWORD,
                new ProfileForm(name, nickname, introduction, phone, birthday, gender.name(), true)), "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        viewport(DESKTOP, 800);
        driver.get(app.baseUrl() + "/health");
        driver.manage().deleteAllCookies();
        consoleProblems();
    }

    @Test
    void at_1280_pixels_the_member_list_and_the_member_page_fit_with_their_actions_on_screen() {
        session.login("keeper");
        session.open("/admin/users");
        assertTrue(driver.findElements(By.cssSelector("td.actions button")).size() >= 3,
                "the list shows lift-lock, log-out and second-factor buttons");
        assertEquals(null, overflow(), "/admin/users at 1280 px");
        assertEquals(List.of(), consoleProblems());

        driver.findElement(By.linkText("gracehopper")).click();
        session.waitFor(By.id("member-actions"));
        assertTrue(driver.getCurrentUrl().contains("/admin/users/" + grace.id()), driver.getCurrentUrl());
        assertTrue(session.text().contains("Chrome on Windows") && session.text().contains("Mobile Safari on iOS"), session.text());
        assertEquals(null, overflow(), "the member page at 1280 px");
        assertEquals(List.of(), consoleProblems());

        for (String path : List.of("/admin/users", "/admin/users/" + grace.id())) {
            viewport(PHONE, 844);
            session.open(path);
            assertEquals(null, overflow(), path + " on a phone");
        }
    }

    @Test
    void the_readme_screenshots_show_each_main_page_in_both_languages_on_desktop_and_phone() throws IOException {
        String koreanFonts = koreanFonts();
        if (koreanFonts.isBlank()) {
            String reason = "no font for Korean (fc-list :lang=ko is empty; apt-get install fonts-noto-cjk): "
                    + "the Korean screenshots would show empty boxes";
            assertTrue(!"required".equals(System.getenv("GATEHOUSE_TEST_BROWSER")), reason);
            System.out.println("[browser-test] WARNING: " + reason);
        }
        Files.createDirectories(SCREENSHOTS);
        for (String lang : List.of("en", "ko")) {
            for (int width : List.of(DESKTOP, PHONE)) {
                String size = width == DESKTOP ? "desktop" : "phone";
                viewport(width, width == DESKTOP ? 800 : 844);
                driver.manage().deleteAllCookies();
                driver.manage().addCookie(new Cookie("lang", lang));
                shoot("/login", "login-" + lang + "-" + size);
                shoot("/signup", "signup-" + lang + "-" + size);
                session.login("minjun.kim");
                shoot("/me", "me-" + lang + "-" + size);
                driver.manage().deleteAllCookies();
                driver.manage().addCookie(new Cookie("lang", lang));
                session.login("keeper");
                shoot("/admin/users", "admin-users-" + lang + "-" + size);
                shoot("/admin/users/" + grace.id(), "admin-member-" + lang + "-" + size);
                assertEquals(lang, driver.findElement(By.tagName("html")).getAttribute("lang"));
            }
        }
        assertEquals(List.of(), consoleProblems());
    }

    /** Opens a page, checks it fits, and saves what the window shows (the viewport only, to keep files small). */
    private void shoot(String path, String name) {
        session.open(path);
        assertEquals(null, overflow(), path + " for " + name);
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            if (!Files.exists(file) || differs(Files.readAllBytes(file), png)) {
                Files.write(file, smaller(png));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether a new screenshot shows a changed page: more than 0.5 % of the pixels differ, or the size. The
     * request id in the footer changes on every run; rewriting the committed files for it would leave every
     * `make test` with a dirty work tree.
     */
    private static boolean differs(byte[] committed, byte[] taken) throws IOException {
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(committed));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(taken));
        if (a == null || a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return true;
        }
        long changed = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if ((a.getRGB(x, y) & 0xFFFFFF) != (b.getRGB(x, y) & 0xFFFFFF)) {
                    changed++;
                }
            }
        }
        return changed * 200 > (long) a.getWidth() * a.getHeight();
    }

    /** The same picture with the strongest deflate level: about a fifth smaller than Chromium's fast encoding. */
    private static byte[] smaller(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.0f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.size() < png.length ? out.toByteArray() : png;
    }

    /** The font families fontconfig offers for Korean, as Chromium will find them. */
    private static String koreanFonts() {
        try {
            Process fcList = new ProcessBuilder("fc-list", ":lang=ko", "family").redirectErrorStream(true).start();
            String out = new String(fcList.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return fcList.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Exactly this many CSS pixels, as a desktop browser (not a zooming mobile one) would lay out. */
    private static void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    private static Object overflow() {
        boolean desktop = ((Number) driver.executeScript("return window.innerWidth")).intValue() >= DESKTOP;
        return driver.executeScript(OVERFLOW, desktop);
    }

    private static List<String> consoleProblems() {
        return session.consoleProblems();
    }
}
