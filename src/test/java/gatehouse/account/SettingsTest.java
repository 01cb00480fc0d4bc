package gatehouse.account;

import static gatehouse.testing.TestApp.NEW_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.audit.AuditEntry;
import gatehouse.audit.AuditEvent;
import gatehouse.session.LoginSession;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A member's own account: profile, password, sessions and deletion, on both databases. */
class SettingsTest {

    private static List<AuditEntry> events(TestApp app, AuditEvent type, UUID member) {
        return app.services().auditDao().matching(member, null, type, 100, 0);
    }

    private static Map<String, String> profile(String name, String nickname) {
        Map<String, String> fields = new HashMap<>();
        fields.put("name", name);
        fields.put("nickname", nickname);
        fields.put("introduction", "Hello there");
        fields.put("phone", "+82 10-1234-5678");
        fields.put("birthday", "1991-02-03");
        fields.put("gender", "MALE");
        return fields;
    }

    private static List<LoginSession> activeSessions(TestApp app, UUID userId) {
        return app.sessionRows().activeOf(userId, app.clock().instant());
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_settings_page_shows_the_profile_with_the_user_name_fixed(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("grace", Role.MEMBER);
            TestClient browser = app.loggedIn("grace");
            var page = browser.get("/me/edit");
            assertEquals(200, page.status());
            assertTrue(page.body().contains("value=\"Name grace\""));
            assertTrue(page.body().contains("grace <span class=\"hint\">(a user name cannot be changed)</span>"));
            assertFalse(page.body().contains("name=\"username\""), "no user name field");
            assertTrue(page.body().contains("id=\"newPassword\"") && page.body().contains("id=\"newPasswordConfirm\""),
                    "the ids password.js looks for");
            assertFalse(page.body().contains("id=\"password\""), "password.js would take the delete field for the new password");
            assertEquals(303, app.client().get("/me/edit").status(), "anonymous visitors log in first");
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_profile_edit_changes_the_listed_fields_and_ignores_role_user_name_and_anything_else(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User grace = app.users().findById(app.createMember("grace", Role.MEMBER).id()).orElseThrow();
            TestClient browser = app.loggedIn("grace");
            browser.get("/me/edit");
            Map<String, String> fields = profile("Grace Hopper", "그레이스");
            fields.put("role", "ADMIN");
            fields.put("username", "hijacked");
            fields.put("id", UUID.randomUUID().toString());
            fields.put("userId", UUID.randomUUID().toString());
            fields.put("failedLogins", "0");
            fields.put("createdAt", "2000-01-01T00:00:00Z");

            var saved = browser.postForm("/me/edit", fields);
            assertEquals(303, saved.status(), saved.body());
            assertEquals("/me/edit?notice=saved", saved.location());
            assertTrue(browser.get(saved.location()).body().contains("Your profile has been saved."));

            User after = app.users().findById(grace.id()).orElseThrow();
            assertEquals("grace", after.username());
            assertEquals(Role.MEMBER, after.role());
            assertEquals(grace.createdAt(), after.createdAt());
            assertTrue(app.users().findByUsername("hijacked").isEmpty());
            Profile profile = app.users().profile(grace.id()).orElseThrow();
            assertEquals("Grace Hopper", profile.name());
            assertEquals("그레이스", profile.nickname());
            assertEquals(LocalDate.of(1991, 2, 3), profile.birthday());
            assertEquals(Gender.MALE, profile.gender());
            assertFalse(profile.privacyConsent(), "an unticked box withdraws consent");
            assertNull(profile.privacyConsentAt());
            assertEquals(403, browser.get("/admin/users").status());
            assertEquals(1, events(app, AuditEvent.PROFILE_UPDATE, grace.id()).size());
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_bad_profile_comes_back_with_messages_and_the_entered_values_and_nothing_is_saved(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User grace = app.createMember("grace", Role.MEMBER);
            TestClient browser = app.loggedIn("grace");
            browser.get("/me/edit");
            Map<String, String> fields = profile("", "Gracie");
            fields.put("birthday", "2999-01-01");
            var page = browser.postForm("/me/edit", fields);
            assertEquals(422, page.status());
            assertTrue(page.body().contains("Enter your name."));
            assertTrue(page.body().contains("A birthday cannot be in the future."));
            assertTrue(page.body().contains("value=\"Gracie\""), "entered values come back");
            assertEquals("Name grace", app.users().profile(grace.id()).orElseThrow().name());

            var korean = browser.postForm("/me/edit", fields, "Accept-Language", "ko");
            assertTrue(korean.body().contains("이름을 입력해 주세요."));
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_password_change_needs_the_current_password_and_ends_every_other_session_but_this_one(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User grace = app.createMember("grace", Role.MEMBER);
            TestClient laptop = app.loggedIn("grace");
            TestClient phone = app.loggedIn("grace");
            TestClient tablet = app.loggedIn("grace");
            assertEquals(200, phone.get("/me").status());
            laptop.get("/me/edit");

            var wrong = laptop.postForm("/me/password", Map.of("currentPassword", "not-my-password-at-all",
                    "newPassword", NEW_PASSWORD, "newPasswordConfirm", NEW_PASSWORD));
            assertEquals(422, wrong.status());
            assertTrue(wrong.body().contains("The current password is wrong."));
            var mismatch = laptop.postForm("/me/password", Map.of("currentPassword", TestApp.PASSWORD,
                    "newPassword", NEW_PASSWORD, "newPasswordConfirm", NEW_PASSWORD + "x"));
            assertEquals(422, mismatch.status());
            assertTrue(mismatch.body().contains("The two passwords are not the same."));
            assertFalse(mismatch.body().contains(NEW_PASSWORD), "passwords are never echoed");
            var weak = laptop.postForm("/me/password", Map.of("currentPassword", TestApp.PASSWORD,
                    "newPassword", "short", "newPasswordConfirm", "short"));
            assertEquals(422, weak.status());
            assertTrue(weak.body().contains("Use at least 12 characters."));
            assertEquals(3, activeSessions(app, grace.id()).size(), "refused changes end no session");
            assertTrue(events(app, AuditEvent.PASSWORD_CHANGE, grace.id()).isEmpty());

            var changed = laptop.postForm("/me/password", Map.of("currentPassword", TestApp.PASSWORD,
                    "newPassword", NEW_PASSWORD, "newPasswordConfirm", NEW_PASSWORD));
            assertEquals(303, changed.status());
            assertTrue(laptop.get(changed.location()).body().contains("Your password has been changed"));
            assertEquals(200, laptop.get("/me").status(), "this browser stays logged in");
            assertEquals(303, phone.get("/me").status(), "the others are logged out");
            assertEquals(303, tablet.get("/me").status());
            assertEquals(1, activeSessions(app, grace.id()).size());

            assertEquals(401, app.client().logIn("grace", TestApp.PASSWORD).status(), "the old password no longer works");
            assertEquals(303, app.client().logIn("grace", NEW_PASSWORD).status());
            assertEquals(1, events(app, AuditEvent.PASSWORD_CHANGE, grace.id()).size());
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_member_ends_their_own_sessions_but_never_another_members(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User grace = app.createMember("grace", Role.MEMBER);
            User henry = app.createMember("henry", Role.MEMBER);
            TestClient laptop = app.loggedIn("grace");
            TestClient phone = app.loggedIn("grace");
            TestClient tablet = app.loggedIn("grace");
            TestClient henrys = app.loggedIn("henry");
            assertEquals(200, henrys.get("/me").status());
            UUID phoneSession = app.sessionRows()
                    .findByTokenHash(gatehouse.session.RefreshTokens.hash(phone.cookie("refresh_token").orElseThrow()))
                    .orElseThrow().id();
            UUID henrysSession = activeSessions(app, henry.id()).get(0).id();

            var page = laptop.get("/me");
            assertTrue(page.body().contains("action=\"/me/sessions/" + phoneSession + "/revoke\""));
            var notHis = laptop.postForm("/me/sessions/" + henrysSession + "/revoke", Map.of());
            assertEquals(404, notHis.status(), "another member's session is as good as unknown");
            assertEquals(200, henrys.get("/me").status());
            assertNull(app.services().sessionDao().find(henrysSession).orElseThrow().revokedAt());
            assertEquals(404, laptop.postForm("/me/sessions/not-a-session/revoke", Map.of()).status());
            assertEquals(404, laptop.postForm("/me/sessions/" + UUID.randomUUID() + "/revoke", Map.of()).status());

            var ended = laptop.postForm("/me/sessions/" + phoneSession + "/revoke", Map.of());
            assertEquals(303, ended.status());
            assertEquals("/me", ended.location());
            assertEquals(303, phone.get("/me").status(), "the phone is logged out");
            assertEquals(200, tablet.get("/me").status(), "the tablet is not");
            assertEquals(404, laptop.postForm("/me/sessions/" + phoneSession + "/revoke", Map.of()).status(),
                    "an ended session cannot be ended twice");

            laptop.get("/me");
            assertEquals(303, laptop.postForm("/me/sessions/revoke-others", Map.of()).status());
            assertEquals(303, tablet.get("/me").status(), "log out everywhere else");
            assertEquals(200, laptop.get("/me").status(), "but here");
            assertEquals(200, henrys.get("/me").status(), "and never another member");
            assertEquals(2, events(app, AuditEvent.SESSIONS_REVOKED, grace.id()).size());
            assertTrue(events(app, AuditEvent.SESSIONS_REVOKED, henry.id()).isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void deleting_ones_account_needs_the_password_then_removes_everything_and_says_goodbye(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User grace = app.createMember("grace", Role.MEMBER);
            TestClient laptop = app.loggedIn("grace");
            TestClient phone = app.loggedIn("grace");
            laptop.get("/me/edit");

            var wrong = laptop.postForm("/me/delete", Map.of("password", "not-my-password-at-all"));
            assertEquals(422, wrong.status());
            assertTrue(wrong.body().contains("id=\"deletePassword-error\">The current password is wrong."));
            assertTrue(app.users().findById(grace.id()).isPresent());
            assertEquals(422, laptop.postForm("/me/delete", Map.of()).status(), "no password at all");
            assertTrue(app.users().findById(grace.id()).isPresent());

            var gone = laptop.postForm("/me/delete", Map.of("password", TestApp.PASSWORD));
            assertEquals(200, gone.status());
            assertTrue(gone.body().contains("Goodbye, nick grace."));
            assertTrue(gone.setCookie("access_token").orElseThrow().startsWith("access_token=;"), "cookies cleared");
            assertTrue(gone.setCookie("refresh_token").orElseThrow().startsWith("refresh_token=;"));
            assertFalse(gone.body().contains("action=\"/logout\""), "the farewell page is for a visitor, not a member");
            assertTrue(app.users().findById(grace.id()).isEmpty());
            long left = app.jdbi().withHandle(h -> h.createQuery("""
                    SELECT (SELECT COUNT(*) FROM profiles WHERE user_id = :id)
                         + (SELECT COUNT(*) FROM credentials WHERE user_id = :id)
                         + (SELECT COUNT(*) FROM sessions WHERE user_id = :id)""")
                    .bind("id", grace.id()).mapTo(Long.class).one());
            assertEquals(0, left);
            assertEquals(303, phone.get("/me").status(), "the other browser is logged out too");
            AuditEntry event = events(app, AuditEvent.ACCOUNT_DELETED, grace.id()).get(0);
            assertEquals("grace", event.subjectUsername());
            assertEquals("grace", event.actorUsername());
            assertNotNull(event.ip());
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_last_administrator_cannot_delete_their_own_account(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User boss = app.createMember("boss", Role.ADMIN);
            TestClient browser = app.loggedIn("boss");
            browser.get("/me/edit");
            var refused = browser.postForm("/me/delete", Map.of("password", TestApp.PASSWORD));
            assertEquals(409, refused.status());
            assertTrue(refused.body().contains("You are the last administrator"));
            assertTrue(app.users().findById(boss.id()).isPresent());
            assertEquals(200, browser.get("/admin/users").status());

            app.createMember("deputy", Role.ADMIN);
            browser.get("/me/edit");
            assertEquals(200, browser.postForm("/me/delete", Map.of("password", TestApp.PASSWORD)).status(),
                    "with another administrator, they may go");
            assertTrue(app.users().findById(boss.id()).isEmpty());
        }
    }

    @Test
    void guessing_the_current_password_is_throttled_like_a_login() {
        MutableClock clock = MutableClock.startingNow();
        try (TestApp app = TestApp.builder().clock(clock).start()) {
            app.createMember("heidi", Role.MEMBER);
            TestClient thief = app.loggedIn("heidi");
            thief.get("/me/edit");
            for (int i = 0; i < 6; i++) {
                thief.postForm("/me/password", Map.of("currentPassword", "guess-number-" + i,
                        "newPassword", NEW_PASSWORD, "newPasswordConfirm", NEW_PASSWORD));
            }

            var right = thief.postForm("/me/password", Map.of("currentPassword", TestApp.PASSWORD,
                    "newPassword", NEW_PASSWORD, "newPasswordConfirm", NEW_PASSWORD));
            assertEquals(429, right.status(), "while the account waits, even the right password is refused (unchecked)");

            clock.advance(Duration.ofMinutes(16));
            thief.get("/me/edit");
            var later = thief.postForm("/me/password", Map.of("currentPassword", TestApp.PASSWORD,
                    "newPassword", NEW_PASSWORD, "newPasswordConfirm", NEW_PASSWORD));
            assertEquals(303, later.status(), later.body());
        }
    }
}
