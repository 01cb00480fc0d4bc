package gatehouse.secondfactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.audit.AuditDao;
import gatehouse.audit.AuditEvent;
import gatehouse.testing.Html;
import gatehouse.testing.MutableClock;
import gatehouse.testing.Oathtool;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second factor on the pages, with oathtool as the phone: enrolment from the settings page, then a
 * login that needs password and code; wrong, replayed, too-early and late codes refused; recovery codes
 * once; the login's {@code next} carried through. One app for the class; each test has its own member.
 */
class SecondFactorLoginTest {
    private static final Instant START = Instant.parse("2030-01-01T08:00:05Z");
    private static MutableClock clock;
    private static TestApp app;

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        app = TestApp.builder().clock(clock).start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A member who enrolled through the page and logged out; the clock is then in the next 30 s step. */
    private Enrolled enrolledMember(String username) {
        app.createMember(username, Role.MEMBER);
        TestClient browser = app.loggedIn(username);
        Enrolled enrolled = Enrolled.through(browser, clock);
        assertEquals(200, browser.postForm("/logout", Map.of()).status());
        clock.advance(Duration.ofSeconds(30));
        return enrolled;
    }

    /** A browser logged in as a member who enrolled through the page, typing the code oathtool shows. */
    private static TestClient loggedIn(String username, Enrolled enrolled) {
        TestClient client = app.client();
        assertEquals("/login/second-factor", passwordStep(client, username, "").location());
        assertEquals(303, client.postForm("/login/second-factor", Map.of("code", enrolled.codeAt(clock))).status());
        client.get("/me");
        clock.advance(Duration.ofSeconds(30));
        return client;
    }

    private static TestClient.Response passwordStep(TestClient client, String username, String next) {
        client.get("/login");
        return client.postForm("/login", Map.of("username", username, "password", TestApp.PASSWORD, "next", next));
    }

    @Test
    void an_enrolled_member_logs_in_with_password_and_a_code_from_the_authenticator() {
        Enrolled alice = enrolledMember("alice");
        TestClient client = app.client();

        TestClient.Response password = passwordStep(client, "alice", "");
        assertEquals(303, password.status());
        assertEquals("/login/second-factor", password.location());
        assertTrue(password.setCookie("access_token").isEmpty() && password.setCookie("refresh_token").isEmpty(),
                "no tokens before the second factor");
        assertTrue(password.setCookie("login_challenge").orElseThrow().contains("HttpOnly"));
        assertEquals(200, client.get("/login/second-factor").status());
        assertEquals(303, client.get("/me").status(), "not logged in yet");

        TestClient.Response code = client.postForm("/login/second-factor", Map.of("code", alice.codeAt(clock)));
        assertEquals(303, code.status(), code.body());
        assertEquals("/me", code.location());
        TestClient.Response me = client.get("/me");
        assertEquals(200, me.status());
        assertEquals("On", Html.textOf(me.body(), "second-factor").orElseThrow());
        var claims = Enrolled.claims(client.cookie("access_token").orElseThrow());
        assertEquals("[\"pwd\",\"otp\"]", claims.get("amr").toString());
    }

    @Test
    void a_wrong_code_is_refused_and_audited() {
        Enrolled bob = enrolledMember("bobby");
        TestClient client = app.client();
        passwordStep(client, "bobby", "");
        String right = bob.codeAt(clock);
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
        TestClient.Response refused = client.postForm("/login/second-factor", Map.of("code", wrong));
        assertEquals(401, refused.status());
        assertTrue(refused.body().contains("The code is wrong or was already used."));
        assertTrue(refused.setCookie("access_token").isEmpty());
        long failures = app.jdbi().onDemand(AuditDao.class).countMatching(null, "bobby", AuditEvent.SECOND_FACTOR_FAILURE);
        assertEquals(1, failures);
        assertEquals(303, client.postForm("/login/second-factor", Map.of("code", right)).status(), "the right one still works");
    }

    @Test
    void a_code_used_once_is_refused_the_second_time() {
        Enrolled carol = enrolledMember("carol");
        String code = carol.codeAt(clock);
        TestClient first = app.client();
        passwordStep(first, "carol", "");
        assertEquals(303, first.postForm("/login/second-factor", Map.of("code", code)).status());

        TestClient second = app.client();
        passwordStep(second, "carol", "");
        TestClient.Response replay = second.postForm("/login/second-factor", Map.of("code", code));
        assertEquals(401, replay.status(), "the same code within its window");
    }

    @Test
    void a_code_for_the_next_but_one_window_is_refused_and_one_window_of_drift_is_not() {
        Enrolled dave = enrolledMember("dave");
        TestClient client = app.client();
        passwordStep(client, "dave", "");
        String tooEarly = Oathtool.code(dave.secret(), clock.instant().plusSeconds(60));
        assertEquals(401, client.postForm("/login/second-factor", Map.of("code", tooEarly)).status());
        String drifted = Oathtool.code(dave.secret(), clock.instant().plusSeconds(30));
        assertEquals(303, client.postForm("/login/second-factor", Map.of("code", drifted)).status());
    }

    @Test
    void the_login_step_expires_after_five_minutes_and_keeps_where_the_login_was_going() {
        Enrolled erin = enrolledMember("erin");
        TestClient client = app.client();
        String next = "/oauth2/authorize?client_id=shop&state=xyz";
        passwordStep(client, "erin", next);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        TestClient.Response late = client.postForm("/login/second-factor", Map.of("code", erin.codeAt(clock), "next", next));
        assertEquals(401, late.status());
        assertTrue(late.body().contains("The login step has expired."), late.body());
        assertTrue(Html.unescape(late.body()).contains("name=\"next\" value=\"" + next + "\""), "the login form keeps next");
        assertTrue(late.setCookie("access_token").isEmpty());
    }

    @Test
    void the_safe_local_next_of_the_login_is_where_the_second_step_goes() {
        Enrolled frank = enrolledMember("frank");
        TestClient client = app.client();
        String next = "/oauth2/authorize?response_type=code&client_id=shop&state=a%20b";
        TestClient.Response password = passwordStep(client, "frank", next);
        assertEquals("/login/second-factor", password.location());
        TestClient.Response code = client.postForm("/login/second-factor", Map.of("code", frank.codeAt(clock)));
        assertEquals(303, code.status());
        assertEquals(next, code.location());
    }

    @Test
    void a_recovery_code_logs_in_once() {
        Enrolled grace = enrolledMember("grace");
        String recovery = grace.recoveryCodes().get(3);
        TestClient first = app.client();
        passwordStep(first, "grace", "");
        TestClient.Response used = first.postForm("/login/second-factor", Map.of("code", recovery.toUpperCase()));
        assertEquals(303, used.status(), "any case, with its dash");
        assertEquals(1, app.jdbi().onDemand(AuditDao.class).countMatching(null, "grace", AuditEvent.RECOVERY_CODE_USED));

        TestClient second = app.client();
        passwordStep(second, "grace", "");
        assertEquals(401, second.postForm("/login/second-factor", Map.of("code", recovery)).status(), "used up");
        assertEquals(303, second.postForm("/login/second-factor", Map.of("code", grace.recoveryCodes().get(4))).status());
        assertTrue(second.get("/me/second-factor").body().contains("8 unused recovery codes are left."));
    }

    @Test
    void five_wrong_codes_end_the_login_step() {
        Enrolled heidi = enrolledMember("heidi");
        TestClient client = app.client();
        passwordStep(client, "heidi", "");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, client.postForm("/login/second-factor", Map.of("code", "000000")).status());
        }
        TestClient.Response after = client.postForm("/login/second-factor", Map.of("code", heidi.codeAt(clock)));
        assertTrue(after.body().contains("The login step has expired."), "back to the password");
    }

    @Test
    void turning_it_off_needs_the_password_and_a_current_code() {
        Enrolled ivan = enrolledMember("ivan");
        TestClient client = loggedIn("ivan", ivan);
        TestClient.Response wrongPassword = client.postForm("/me/second-factor/disable",
                Map.of("password", "wrong-password-123", "code", ivan.codeAt(clock)));
        assertEquals(422, wrongPassword.status());
        assertTrue(wrongPassword.body().contains("id=\"disable-password-error\""), "the message stands by its field");
        TestClient.Response wrongCode = client.postForm("/me/second-factor/disable",
                Map.of("password", TestApp.PASSWORD, "code", "123456"));
        assertEquals(422, wrongCode.status());
        assertTrue(wrongCode.body().contains("id=\"disable-code-error\""));
        clock.advance(Duration.ofSeconds(30));
        TestClient.Response off = client.postForm("/me/second-factor/disable",
                Map.of("password", TestApp.PASSWORD, "code", ivan.codeAt(clock)));
        assertEquals(303, off.status(), off.body());
        assertEquals("Off", Html.textOf(client.get("/me").body(), "second-factor").orElseThrow());
        assertEquals(303, passwordStep(app.client(), "ivan", "").status());
        assertEquals("/me", passwordStep(app.client(), "ivan", "").location(), "the password alone again");
    }

    @Test
    void new_recovery_codes_replace_the_old_ones() {
        Enrolled judy = enrolledMember("judy");
        TestClient client = loggedIn("judy", judy);
        TestClient.Response renewed = client.postForm("/me/second-factor/recovery-codes",
                Map.of("password", TestApp.PASSWORD, "code", judy.codeAt(clock)));
        assertEquals(200, renewed.status(), renewed.body());
        assertFalse(renewed.body().contains(judy.recoveryCodes().get(0)));
        TestClient other = app.client();
        passwordStep(other, "judy", "");
        assertEquals(401, other.postForm("/login/second-factor", Map.of("code", judy.recoveryCodes().get(0))).status());
    }

    @Test
    void the_stored_secret_and_recovery_codes_are_not_readable_in_a_database_dump() {
        Enrolled kim = enrolledMember("kimberly");
        List<String> lines = app.jdbi().withHandle(h -> h.createQuery("SCRIPT").mapTo(String.class).list());
        String dump = String.join("\n", lines);
        assertTrue(dump.contains("SECOND_FACTORS") || dump.contains("second_factors"), "the dump has the table");
        assertFalse(dump.contains(kim.secret()), "Base32 secret in the dump");
        assertFalse(dump.toLowerCase().contains(kim.secret().toLowerCase()), "any case");
        byte[] raw = new org.apache.commons.codec.binary.Base32().decode(kim.secret());
        assertFalse(dump.toLowerCase().contains(java.util.HexFormat.of().formatHex(raw)), "hex secret in the dump");
        for (String code : kim.recoveryCodes()) {
            assertFalse(dump.contains(code) || dump.contains(code.replace("-", "")), "recovery code in the dump");
        }
        List<String> sealed = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT f.secret_sealed FROM second_factors f JOIN users u ON u.id = f.user_id WHERE u.username = 'kimberly'")
                .mapTo(String.class).list());
        assertEquals(1, sealed.size());
        assertFalse(sealed.get(0).contains(kim.secret()));
    }
}
