package gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.Gender;
import gatehouse.account.ProfileForm;
import gatehouse.account.User;
import gatehouse.domain.Role;
import gatehouse.testing.Html;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The administrators' member page: the whole profile, state, sessions by device, recent events, and the actions. */
class MemberDetailTest {
    static final String CHROME_ON_LINUX =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

    private static TestClient loggedInWith(TestApp app, String username, String userAgent) {
        TestClient client = app.client();
        client.get("/login");
        var response = client.postForm("/login", Map.of("username", username, "password", TestApp.PASSWORD),
                "User-Agent", userAgent);
        assertEquals(303, response.status(), "login of " + username);
        return client;
    }

    private static int rows(String html, String sectionId) {
        Matcher section = Pattern.compile("(?s)<section[^>]*id=\"" + sectionId + "\".*?</section>").matcher(html);
        assertTrue(section.find(), sectionId);
        Matcher body = Pattern.compile("(?s)<tbody>(.*?)</tbody>").matcher(section.group());
        return body.find() ? body.group(1).split("<tr>").length - 1 : 0;
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_member_page_shows_every_personal_field_state_sessions_by_device_and_the_twenty_latest_events(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("boss", Role.ADMIN);
            User grace = app.createMember("grace", Role.MEMBER);
            app.accounts().updateProfile(grace.id(), new ProfileForm("Grace Hopper", "Amazing Grace", "Wrote the first compiler.",
                    "+1 555-0100", "1906-12-09", Gender.FEMALE.name(), true), "127.0.0.1");
            loggedInWith(app, "grace", CHROME_ON_LINUX);
            loggedInWith(app, "grace", SAFARI_ON_IPHONE);
            for (int i = 0; i < 25; i++) {
                app.client().postForm("/login", Map.of("username", "grace", "password", "wrong-password-" + i));
            }
            // The throttle's state is not what this test is about: clear it without an audit event of its own.
            app.jdbi().useHandle(h -> h.execute("UPDATE credentials SET failed_logins = 0, locked_until = NULL WHERE user_id = ?",
                    grace.id()));
            TestClient admin = app.loggedIn("boss");

            var page = admin.get("/admin/users/" + grace.id());
            assertEquals(200, page.status());
            assertEquals("no-store", page.header("Cache-Control").orElse(null));
            String body = page.body();
            for (String text : List.of("Member grace", "Grace Hopper", "Amazing Grace", "Wrote the first compiler.",
                    "+1 555-0100", "Dec 9, 1906", "Female", "Given", "Member", "Active")) {
                assertTrue(body.contains(text), "the page shows " + text);
            }
            assertEquals("Off", Html.textOf(body, "member-second-factor").orElseThrow());
            assertEquals("Active", Html.textOf(body, "member-state").orElseThrow());
            assertEquals("2", Html.textOf(body, "session-count").orElseThrow());
            assertEquals(2, rows(body, "member-sessions"));
            assertTrue(body.contains(">Chrome on Linux</span>"), "a device name, not the header");
            assertTrue(body.contains(">Mobile Safari on iOS</span>"));
            assertFalse(Html.unescape(body.replaceAll("title=\"[^\"]*\"", "")).contains("Mozilla/5.0"),
                    "the raw header only as a tooltip");
            assertEquals(MemberDetailController.RECENT_EVENTS, rows(body, "member-events"), "the 20 latest events");
            assertTrue(body.contains("Failed login"), "the newest events come first");
            assertTrue(body.contains("href=\"/admin/audit?member=grace\""), "the whole log is one link away");
            for (String action : List.of("role", "sessions/revoke")) {
                assertTrue(body.contains("action=\"/admin/users/" + grace.id() + "/" + action + "\""), action);
            }
            assertFalse(body.contains("/admin/users/" + grace.id() + "/unlock"), "no lock, nothing to lift");
            assertFalse(body.contains("/admin/users/" + grace.id() + "/second-factor/reset"), "no factor, nothing to reset");
            assertTrue(body.contains("href=\"/admin/users/" + grace.id() + "/delete?sort=joined\""), "delete, after confirming");
            assertEquals(body.split("name=\"_csrf\"").length - 1, body.split("method=\"post\"").length - 1,
                    "every form carries the CSRF token");

            String korean = admin.get("/admin/users/" + grace.id(), "Accept-Language", "ko").body();
            for (String text : List.of("grace 회원", "Linux의 Chrome", "iOS의 Mobile Safari", "여성", "1906. 12. 9.", "동의함",
                    "로그인 실패")) {
                assertTrue(korean.contains(text), "the Korean page shows " + text);
            }
        }
    }

    @Test
    void actions_taken_on_the_member_page_return_to_it_with_a_notice() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("boss", Role.ADMIN);
            User henry = app.createMember("henry", Role.MEMBER);
            app.enrolSecondFactor(henry);
            app.users().countAttempt(henry.id(), 0, 4, app.clock().instant().plusSeconds(600));
            TestClient admin = app.loggedIn("boss");
            String page = admin.get("/admin/users/" + henry.id() + "?q=hen&sort=username").body();
            assertTrue(page.contains("Locked until"));
            assertEquals("On", Html.textOf(page, "member-second-factor").orElseThrow());
            assertTrue(page.contains("href=\"/admin/users?q=hen&amp;sort=username\""), "the way back keeps the list's place");

            Map<String, String> fromPage = Map.of("from", "member", "q", "hen", "sort", "username", "page", "1");
            var unlocked = admin.postForm("/admin/users/" + henry.id() + "/unlock", fromPage);
            assertEquals("/admin/users/" + henry.id() + "?q=hen&sort=username&notice=unlocked", unlocked.location());
            String after = admin.get(unlocked.location()).body();
            assertTrue(after.contains("The login lock on henry has been lifted."), after);
            assertEquals("Active", Html.textOf(after, "member-state").orElseThrow());

            var reset = admin.postForm("/admin/users/" + henry.id() + "/second-factor/reset", fromPage);
            assertEquals("/admin/users/" + henry.id() + "?q=hen&sort=username&notice=secondFactorReset", reset.location());
            assertEquals("Off", Html.textOf(admin.get(reset.location()).body(), "member-second-factor").orElseThrow());

            var promoted = admin.postForm("/admin/users/" + henry.id() + "/role",
                    Map.of("from", "member", "role", "ADMIN"));
            assertEquals("/admin/users/" + henry.id() + "?sort=joined&notice=role", promoted.location());
            assertTrue(admin.get(promoted.location()).body().contains("henry is now: Administrator."));
            assertEquals(Role.ADMIN, app.users().findById(henry.id()).orElseThrow().role());

            loggedInWith(app, "henry", MemberDetailTest.CHROME_ON_LINUX);
            var ended = admin.postForm("/admin/users/" + henry.id() + "/sessions/revoke", Map.of("from", "member"));
            assertEquals("/admin/users/" + henry.id() + "?sort=joined&notice=sessionsEnded", ended.location());
            String endedPage = admin.get(ended.location()).body();
            assertTrue(endedPage.contains("henry has been logged out on every device."));
            assertEquals("0", Html.textOf(endedPage, "session-count").orElseThrow());
            assertTrue(endedPage.contains("No active sessions."));
        }
    }

    @Test
    void an_administrators_own_page_offers_neither_delete_nor_a_second_factor_reset() {
        try (TestApp app = TestApp.h2()) {
            User boss = app.createMember("boss", Role.ADMIN);
            TestClient admin = app.loggedIn("boss");
            String own = admin.get("/admin/users/" + boss.id()).body();
            assertEquals("On", Html.textOf(own, "member-second-factor").orElseThrow());
            assertFalse(own.contains("/admin/users/" + boss.id() + "/delete"));
            assertFalse(own.contains("/admin/users/" + boss.id() + "/second-factor/reset"));
            assertTrue(own.contains("This is your own account"));
        }
    }

    @Test
    void an_unknown_or_malformed_id_is_a_404_page_and_members_and_visitors_are_turned_away() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("boss", Role.ADMIN);
            User ivory = app.createMember("ivory", Role.MEMBER);
            TestClient admin = app.loggedIn("boss");
            String unknown = UUID.randomUUID().toString();
            for (String id : List.of(unknown, unknown.toUpperCase(), "not-a-uuid", "1-1-1-1-1", "%20")) {
                var response = admin.get("/admin/users/" + id);
                assertEquals(404, response.status(), id);
                assertTrue(response.body().contains("<html lang=\"en\">"), "a page, not a bare error");
                assertFalse(response.body().contains("Exception"));
            }
            assertTrue(admin.get("/admin/users/" + unknown).body().contains("There is no such member."));
            assertEquals(403, app.loggedIn("ivory").get("/admin/users/" + ivory.id()).status(), "not even one's own");
            assertEquals(303, app.client().get("/admin/users/" + ivory.id()).status(), "visitors go to log in");
        }
    }
}
