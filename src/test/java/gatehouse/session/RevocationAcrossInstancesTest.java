package gatehouse.session;

import static gatehouse.testing.TestApp.NEW_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.User;
import gatehouse.testing.Eventually;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two instances on one database, as behind a load balancer: what an administrator (or the member) does on
 * instance A is honoured by instance B within 5 seconds, although access tokens are stateless and live
 * 15 minutes here.
 */
class RevocationAcrossInstancesTest {
    private static final Duration PROMISE = Duration.ofSeconds(5);

    /** True once the browser is sent to log in; until then its page must work (never a 500 in between). */
    private static boolean loggedOut(TestClient browser) {
        var response = browser.get("/me");
        if (response.status() != 303) {
            assertEquals(200, response.status(), "while the old state is cached the page still works");
            return false;
        }
        return response.location().startsWith("/login");
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_member_deleted_on_one_instance_is_logged_out_on_the_other_within_five_seconds(String kind) {
        try (TestApp a = TestApp.builder().database(kind).start(); TestApp b = TestApp.builder().sharing(a).start()) {
            a.createMember("boss", Role.ADMIN);
            User mallory = a.createMember("mallory", Role.MEMBER);
            TestClient onB = b.loggedIn("mallory");
            assertEquals(200, onB.get("/me").status(), "B has checked (and cached) the session");
            TestClient admin = a.loggedIn("boss");
            admin.get("/admin/users");

            assertEquals(200, admin.postForm("/admin/users/" + mallory.id() + "/delete", Map.of()).status());
            Eventually.within(PROMISE, "deleted member logged out on B", () -> loggedOut(onB));
            assertTrue(onB.cookie("refresh_token").isEmpty(), "B cleared the dead session's cookies");
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void sessions_ended_by_an_admin_on_one_instance_end_on_the_other_within_five_seconds(String kind) {
        try (TestApp a = TestApp.builder().database(kind).start(); TestApp b = TestApp.builder().sharing(a).start()) {
            a.createMember("boss", Role.ADMIN);
            User mallory = a.createMember("mallory", Role.MEMBER);
            TestClient onB = b.loggedIn("mallory");
            TestClient alsoOnA = a.loggedIn("mallory");
            assertEquals(200, onB.get("/me").status());
            assertEquals(200, alsoOnA.get("/me").status());
            TestClient admin = a.loggedIn("boss");
            admin.get("/admin/users");

            assertEquals(303, admin.postForm("/admin/users/" + mallory.id() + "/sessions/revoke", Map.of()).status());
            assertTrue(loggedOut(alsoOnA), "on the acting instance at once");
            Eventually.within(PROMISE, "revoked session logged out on B", () -> loggedOut(onB));
            assertEquals(200, b.loggedIn("mallory").get("/me").status(), "logging in again works");
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void an_admin_demoted_on_one_instance_loses_the_admin_pages_on_the_other_within_five_seconds(String kind) {
        try (TestApp a = TestApp.builder().database(kind).start(); TestApp b = TestApp.builder().sharing(a).start()) {
            a.createMember("boss", Role.ADMIN);
            User deputy = a.createMember("deputy", Role.ADMIN);
            TestClient deputyOnB = b.loggedIn("deputy");
            assertEquals(200, deputyOnB.get("/admin/users").status());
            TestClient boss = a.loggedIn("boss");
            boss.get("/admin/users");

            assertEquals(303, boss.postForm("/admin/users/" + deputy.id() + "/role", Map.of("role", "MEMBER")).status());
            Eventually.within(PROMISE, "demoted admin refused on B", () -> deputyOnB.get("/admin/users").status() == 403);
            assertEquals(200, deputyOnB.get("/me").status(), "still logged in, as a member");
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_password_changed_on_one_instance_logs_out_the_other_browsers_on_the_other_within_five_seconds(String kind) {
        try (TestApp a = TestApp.builder().database(kind).start(); TestApp b = TestApp.builder().sharing(a).start()) {
            a.createMember("mallory", Role.MEMBER);
            TestClient laptopOnA = a.loggedIn("mallory");
            TestClient phoneOnB = b.loggedIn("mallory");
            assertEquals(200, phoneOnB.get("/me").status());
            laptopOnA.get("/me/edit");

            var changed = laptopOnA.postForm("/me/password", Map.of("currentPassword", TestApp.PASSWORD,
                    "newPassword", NEW_PASSWORD, "newPasswordConfirm", NEW_PASSWORD));
            assertEquals(303, changed.status(), changed.body());
            Eventually.within(PROMISE, "other browser logged out on B", () -> loggedOut(phoneOnB));
            assertEquals(200, laptopOnA.get("/me").status(), "the browser that changed it stays logged in");
        }
    }
}
