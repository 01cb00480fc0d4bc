package gatehouse.setup;

import static gatehouse.testing.TestApp.NEW_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.User;
import gatehouse.audit.AuditEvent;
import gatehouse.config.ConfigException;
import gatehouse.domain.Role;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first administrator from the browser (/setup?token=…) and from GATEHOUSE_BOOTSTRAP_ADMIN_*. */
class SetupTest {

    @TempDir
    Path dir;

    private TestApp app;
    private FirstAdministrator first;

    @BeforeEach
    void start() {
        app = TestApp.h2();
        first = app.services().firstAdministrator();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private Map<String, String> form(String username, String password) {
        return Map.of("username", username, "password", password, "passwordConfirm", password);
    }

    private long audited(User user) {
        return app.services().auditDao().countMatching(user.id(), null, AuditEvent.ADMIN_SETUP);
    }

    @Test
    void the_link_works_once_and_the_new_administrator_logs_in_and_is_sent_to_enrol_a_second_factor() {
        String token = first.newToken().orElseThrow();
        TestClient browser = app.client();

        TestClient.Response page = browser.get("/setup?token=" + token);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Create the first administrator"), page.body());
        TestClient.Response created = browser.postForm("/setup", Map.of("token", token, "username", "Chief",
                "password", NEW_PASSWORD, "passwordConfirm", NEW_PASSWORD));

        assertEquals(200, created.status(), created.body());
        assertTrue(created.body().contains("Log in as chief."), created.body());
        User chief = app.users().findByUsername("chief").orElseThrow();
        assertEquals(Role.ADMIN, chief.role());
        assertEquals(1, audited(chief));
        assertEquals(404, browser.get("/setup?token=" + token).status(), "used");
        assertEquals(404, app.client().postForm("/setup", Map.of("token", token, "username", "second",
                "password", NEW_PASSWORD, "passwordConfirm", NEW_PASSWORD)).status());
        assertTrue(app.users().findByUsername("second").isEmpty());

        TestClient admin = app.client();
        assertEquals(303, admin.logIn("chief", NEW_PASSWORD).status());
        TestClient.Response adminPage = admin.get("/admin/users");
        assertEquals(303, adminPage.status());
        assertEquals("/me/second-factor?for=admin", adminPage.location());
        assertEquals(200, admin.get("/me/second-factor?for=admin").status());
    }

    @Test
    void a_wrong_or_missing_token_is_a_404_like_any_unknown_page() {
        first.newToken().orElseThrow();
        TestClient browser = app.client();

        assertEquals(404, browser.get("/setup?token=not-the-token").status());
        assertEquals(404, browser.get("/setup").status());
        assertEquals(404, browser.postForm("/setup", Map.of("token", "not-the-token", "username", "chief",
                "password", NEW_PASSWORD, "passwordConfirm", NEW_PASSWORD)).status());
        assertTrue(app.users().findByUsername("chief").isEmpty());
    }

    @Test
    void once_an_administrator_exists_by_any_way_the_link_is_a_404_and_no_new_one_is_made() {
        String token = first.newToken().orElseThrow();
        app.createMember("boss", Role.ADMIN);

        assertEquals(404, app.client().get("/setup?token=" + token).status());
        assertTrue(first.newToken().isEmpty());
        long tokens = app.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM setup_tokens").mapTo(Long.class).one());
        assertEquals(0, tokens);
    }

    @Test
    void the_password_and_name_rules_of_sign_up_apply_and_the_link_still_works_after_a_refusal() {
        String token = first.newToken().orElseThrow();
        TestClient browser = app.client();
        browser.get("/setup?token=" + token);

        TestClient.Response weak = browser.postForm("/setup", Map.of("token", token, "username", "chief",
                "password", "password1234", "passwordConfirm", "password1234"));
        assertEquals(422, weak.status());
        assertTrue(weak.body().contains("too common or too easy to guess"), weak.body());
        assertFalse(weak.body().contains("password1234"), "a password is never sent back");
        TestClient.Response badName = browser.postForm("/setup", Map.of("token", token, "username", "x!",
                "password", NEW_PASSWORD, "passwordConfirm", NEW_PASSWORD + "x"));
        assertEquals(422, badName.status());
        assertTrue(app.users().findByUsername("chief").isEmpty());

        assertEquals(200, browser.postForm("/setup", Map.of("token", token, "username", "chief",
                "password", NEW_PASSWORD, "passwordConfirm", NEW_PASSWORD)).status());
        assertEquals(Role.ADMIN, app.users().findByUsername("chief").orElseThrow().role());
    }

    @Test
    void a_post_without_the_csrf_token_is_refused_and_creates_nobody() {
        String token = first.newToken().orElseThrow();
        TestClient browser = app.client();
        browser.get("/setup?token=" + token);

        TestClient.Response forged = browser.postForm("/setup", Map.of("_csrf", "forged", "token", token,
                "username", "chief", "password", NEW_PASSWORD, "passwordConfirm", NEW_PASSWORD));

        assertEquals(403, forged.status());
        assertTrue(app.users().findByUsername("chief").isEmpty());
        assertEquals(200, browser.get("/setup?token=" + token).status(), "the link still works");
    }

    @Test
    void the_page_speaks_korean_to_a_korean_browser() {
        String token = first.newToken().orElseThrow();

        String body = app.client().get("/setup?token=" + token, "Accept-Language", "ko-KR,ko;q=0.9").body();

        assertTrue(body.contains("첫 관리자 만들기"), body);
        assertFalse(body.contains("setup."), "no raw message key");
    }

    @Test
    void the_bootstrap_variables_create_the_administrator_once_from_a_file_and_are_audited() throws Exception {
        Path file = Files.writeString(dir.resolve("admin.pw"), NEW_PASSWORD + "\n");
        Map<String, String> env = Map.of(SetupAtStart.USERNAME, "Robot", SetupAtStart.PASSWORD_FILE, file.toString());

        SetupAtStart.bootstrap(first, env);

        User robot = app.users().findByUsername("robot").orElseThrow();
        assertEquals(Role.ADMIN, robot.role());
        assertEquals(1, audited(robot));
        assertEquals(303, app.client().logIn("robot", NEW_PASSWORD).status(), "the line ending is not part of the password");
        assertTrue(first.newToken().isEmpty(), "no setup link once an administrator exists");

        Files.writeString(file, "another-password-entirely-77\n");
        SetupAtStart.bootstrap(first, Map.of(SetupAtStart.USERNAME, "other", SetupAtStart.PASSWORD_FILE, file.toString()));
        assertTrue(app.users().findByUsername("other").isEmpty(), "applied only while no administrator exists");
    }

    @Test
    void bad_bootstrap_variables_stop_the_start_with_one_line_naming_the_variable() throws Exception {
        Path weak = Files.writeString(dir.resolve("weak.pw"), "password1234\n");

        ConfigException refused = assertThrows(ConfigException.class, () -> SetupAtStart.bootstrap(first,
                Map.of(SetupAtStart.USERNAME, "robot", SetupAtStart.PASSWORD_FILE, weak.toString())));
        assertEquals("config GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD_FILE=" + weak + ": the first administrator was not created:"
                + " password: This password is too common or too easy to guess. Try a longer phrase.", refused.getMessage());

        ConfigException missing = assertThrows(ConfigException.class, () -> SetupAtStart.bootstrap(first,
                Map.of(SetupAtStart.USERNAME, "robot", SetupAtStart.PASSWORD_FILE, dir.resolve("absent").toString())));
        assertTrue(missing.getMessage().contains("cannot read the file"), missing.getMessage());

        ConfigException half = assertThrows(ConfigException.class,
                () -> SetupAtStart.bootstrap(first, Map.of(SetupAtStart.USERNAME, "robot")));
        assertEquals("config GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD_FILE=: is needed too when GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME is set",
                half.getMessage());
        assertTrue(app.users().findByUsername("robot").isEmpty());
    }
}
