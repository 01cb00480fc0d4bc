package gatehouse.secondfactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.User;
import gatehouse.audit.AuditDao;
import gatehouse.audit.AuditEvent;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code auth.admin-second-factor=required} (the default): an administrator without a second factor is
 * sent to enrolment before any admin page; enrolling opens them; an administrator can reset a member's.
 */
class AdminSecondFactorTest {
    private static MutableClock clock;
    private static TestApp app;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2030-02-01T10:00:05Z"));
        app = TestApp.builder().clock(clock).start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void an_administrator_without_a_second_factor_cannot_open_the_member_list_until_enrolled() {
        app.createAdminWithoutSecondFactor("newboss");
        TestClient admin = app.loggedIn("newboss");
        TestClient.Response list = admin.get("/admin/users");
        assertEquals(303, list.status());
        assertEquals("/me/second-factor?for=admin", list.location());
        assertEquals(303, admin.get("/admin/audit").status());
        TestClient.Response enrolment = admin.get(list.location());
        assertTrue(enrolment.body().contains("Administrator pages need a second factor."), enrolment.body());
        assertEquals(303, admin.postForm("/admin/users/" + java.util.UUID.randomUUID() + "/unlock", Map.of()).status(),
                "admin actions too");

        Enrolled.through(admin, clock);
        assertEquals(200, admin.get("/admin/users").status(), "enrolling proved the factor in this session");
    }

    @Test
    void an_administrator_cannot_turn_the_second_factor_off_while_it_is_required() {
        User boss = app.createAdminWithoutSecondFactor("keepboss");
        TestClient admin = app.loggedIn("keepboss");
        Enrolled enrolled = Enrolled.through(admin, clock);
        clock.advance(Duration.ofSeconds(30));
        TestClient.Response refused = admin.postForm("/me/second-factor/disable",
                Map.of("password", TestApp.PASSWORD, "code", enrolled.codeAt(clock)));
        assertEquals(409, refused.status());
        assertTrue(app.secondFactors().isOn(boss.id()));
    }

    @Test
    void an_administrator_created_with_a_second_factor_logs_in_with_the_code_and_opens_the_list() {
        app.createMember("chief", Role.ADMIN);
        TestClient admin = app.client();
        admin.get("/login");
        TestClient.Response password = admin.postForm("/login", Map.of("username", "chief", "password", TestApp.PASSWORD));
        assertEquals("/login/second-factor", password.location(), "the password alone is not enough");
        assertEquals(303, admin.get("/admin/users").status());
        assertEquals(200, app.loggedIn("chief").get("/admin/users").status());
    }

    @Test
    void an_administrator_resets_a_members_second_factor_and_ends_their_sessions() {
        app.createMember("resetter", Role.ADMIN);
        User member = app.createMember("lostphone", Role.MEMBER);
        app.enrolSecondFactor(member);
        TestClient memberBrowser = app.loggedIn("lostphone");
        assertEquals(200, memberBrowser.get("/me").status());

        User plain = app.createMember("nofactor", Role.MEMBER);
        TestClient admin = app.loggedIn("resetter");
        String list = admin.get("/admin/users").body();
        assertTrue(list.contains("/admin/users/" + member.id() + "/second-factor/reset"), "offered where a factor is on");
        assertTrue(!list.contains("/admin/users/" + plain.id() + "/second-factor/reset"), "and only there");
        TestClient.Response reset = admin.postForm("/admin/users/" + member.id() + "/second-factor/reset", Map.of());
        assertEquals(303, reset.status());
        assertTrue(admin.get(reset.location()).body().contains("The second factor of lostphone is removed"));

        assertTrue(!app.secondFactors().isOn(member.id()));
        clock.advance(Duration.ofSeconds(3));
        memberBrowser.removeCookie("access_token");
        assertEquals(303, memberBrowser.get("/me").status(), "their sessions ended");
        TestClient again = app.client();
        again.get("/login");
        assertEquals("/me", again.postForm("/login", Map.of("username", "lostphone", "password", TestApp.PASSWORD)).location());
        assertEquals(1, app.jdbi().onDemand(AuditDao.class).countMatching(member.id(), null, AuditEvent.SECOND_FACTOR_RESET));
    }

    @Test
    void an_administrator_cannot_reset_their_own_second_factor_from_the_admin_page() {
        User self = app.createMember("selfish", Role.ADMIN);
        TestClient admin = app.loggedIn("selfish");
        admin.get("/admin/users");
        assertEquals(409, admin.postForm("/admin/users/" + self.id() + "/second-factor/reset", Map.of()).status());
        assertTrue(app.secondFactors().isOn(self.id()));
    }

    @Test
    void with_optional_an_administrator_needs_no_second_factor() {
        // A setting, not the default: an operator may choose it, so it must work.
        try (TestApp relaxed = TestApp.builder().set("auth.admin-second-factor", "optional").start()) {
            relaxed.createAdminWithoutSecondFactor("relaxed");
            assertEquals(200, relaxed.loggedIn("relaxed").get("/admin/users").status());
        }
    }
}
