package gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.domain.Role;
import gatehouse.testing.Eventually;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.web.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The member list is cached until this instance writes anything and for at most 2 s: a change made here shows
 * at once, one made by another instance on the same database within the bound.
 */
class MemberListFreshnessTest {

    @Test
    void a_sign_up_and_a_login_on_this_instance_show_at_once() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("chief", Role.ADMIN);
            TestClient admin = app.loggedIn("chief");
            assertFalse(admin.get("/admin/users").body().contains(">bobby</a>"));

            String endBobsSessions = Paths.adminRevokeSessions(app.createMember("bobby", Role.MEMBER).id());
            String list = admin.get("/admin/users").body();
            assertTrue(list.contains(">bobby</a>"), "a new member");
            assertFalse(list.contains(endBobsSessions), "bob has no session yet");

            app.loggedIn("bobby");
            assertTrue(admin.get("/admin/users").body().contains(endBobsSessions), "bob's new session");
        }
    }

    @Test
    void a_change_made_by_another_instance_shows_within_two_seconds() {
        try (TestApp first = TestApp.h2(); TestApp second = TestApp.builder().sharing(first).start()) {
            first.createMember("chief", Role.ADMIN);
            String endBobsSessions = Paths.adminRevokeSessions(first.createMember("bobby", Role.MEMBER).id());
            TestClient admin = first.loggedIn("chief");
            assertFalse(admin.get("/admin/users").body().contains(endBobsSessions));

            second.loggedIn("bobby");

            // Cached for 2 s: never longer (a busy machine may take a little more to show it).
            Eventually.within(Duration.ofSeconds(5), "bob's session on the other instance to show",
                    () -> admin.get("/admin/users").body().contains(endBobsSessions));
        }
    }
}
