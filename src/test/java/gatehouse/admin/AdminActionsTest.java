package gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.Credentials;
import gatehouse.account.User;
import gatehouse.audit.AuditEntry;
import gatehouse.audit.AuditEvent;
import gatehouse.testing.Html;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.ActionRefused;
import gatehouse.domain.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The administrators' actions on members, each with its audit event, on both databases. */
class AdminActionsTest {

    private static long count(TestApp app, String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static long count(TestApp app, String sql, Object id) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).bind("id", id).mapTo(Long.class).one());
    }

    private static List<AuditEntry> events(TestApp app, AuditEvent type, UUID member) {
        return app.services().auditDao().matching(member, null, type, 100, 0);
    }

    private static MemberAdministration members(TestApp app) {
        return app.services().members();
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void delete_asks_for_confirmation_then_removes_profile_credentials_sessions_and_tokens(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User boss = app.createMember("boss", Role.ADMIN);
            User carol = app.createMember("carol", Role.MEMBER);
            app.createMember("bystander", Role.MEMBER);
            TestClient carolsLaptop = app.loggedIn("carol");
            TestClient carolsPhone = app.loggedIn("carol");
            app.loggedIn("bystander");
            assertEquals(200, carolsPhone.get("/me").status());
            List<String> sessionIds = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM sessions WHERE user_id = :id")
                    .bind("id", carol.id()).mapTo(String.class).list());
            assertEquals(2, sessionIds.size());
            TestClient admin = app.loggedIn("boss");

            var confirm = admin.get("/admin/users/" + carol.id() + "/delete?q=car&sort=username&page=1");
            assertEquals(200, confirm.status());
            assertTrue(confirm.body().contains("Delete carol?"), "the confirmation names the member");
            assertTrue(confirm.body().contains("Name carol"));
            assertTrue(confirm.body().contains("action=\"/admin/users/" + carol.id() + "/delete\""));
            assertTrue(app.users().findById(carol.id()).isPresent(), "showing the confirmation deletes nothing");

            var done = admin.postForm("/admin/users/" + carol.id() + "/delete", Map.of("q", "car", "sort", "username", "page", "1"));
            assertEquals(200, done.status());
            assertTrue(done.body().contains("carol (Name carol) has been deleted"), done.body());
            assertTrue(done.body().contains("href=\"/admin/users?q=car&amp;sort=username\""), "the way back keeps the search");

            assertTrue(app.users().findById(carol.id()).isEmpty());
            for (String table : List.of("profiles", "credentials", "sessions")) {
                assertEquals(0, count(app, "SELECT COUNT(*) FROM " + table + " WHERE user_id = :id", carol.id()), table);
            }
            for (String session : sessionIds) {
                assertEquals(0, count(app, "SELECT COUNT(*) FROM refresh_tokens WHERE session_id = :id", session));
            }
            // No orphans anywhere, and the other members are untouched.
            assertEquals(0, count(app, "SELECT COUNT(*) FROM profiles p WHERE NOT EXISTS "
                    + "(SELECT 1 FROM users u WHERE u.id = p.user_id)"));
            assertEquals(0, count(app, "SELECT COUNT(*) FROM credentials c WHERE NOT EXISTS "
                    + "(SELECT 1 FROM users u WHERE u.id = c.user_id)"));
            assertEquals(0, count(app, "SELECT COUNT(*) FROM sessions s WHERE NOT EXISTS "
                    + "(SELECT 1 FROM users u WHERE u.id = s.user_id)"));
            assertEquals(0, count(app, "SELECT COUNT(*) FROM refresh_tokens t WHERE NOT EXISTS "
                    + "(SELECT 1 FROM sessions s WHERE s.id = t.session_id)"));
            assertEquals(2, count(app, "SELECT COUNT(*) FROM users"));
            assertEquals(2, count(app, "SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL"));

            assertEquals(303, carolsLaptop.get("/me").status(), "the deleted member is logged out at once on this instance");
            AuditEntry event = events(app, AuditEvent.ACCOUNT_DELETED, carol.id()).get(0);
            assertEquals(boss.id(), event.actorId());
            assertEquals("boss", event.actorUsername());
            assertEquals("carol", event.subjectUsername(), "the event still names the member whose row is gone");
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void an_administrator_cannot_delete_their_own_account_here(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User boss = app.createMember("boss", Role.ADMIN);
            app.createMember("second", Role.ADMIN);
            TestClient admin = app.loggedIn("boss");

            var confirm = admin.get("/admin/users/" + boss.id() + "/delete");
            assertEquals(200, confirm.status());
            assertTrue(confirm.body().contains("You cannot delete your own account here"));
            assertFalse(confirm.body().contains("action=\"/admin/users/" + boss.id() + "/delete\""), "no delete form for oneself");

            var refused = admin.postForm("/admin/users/" + boss.id() + "/delete", Map.of());
            assertEquals(409, refused.status());
            assertTrue(refused.body().contains("You cannot delete your own account here; use your own page for that."));
            assertTrue(app.users().findById(boss.id()).isPresent());
            assertEquals(200, admin.get("/admin/users").status());
            assertTrue(events(app, AuditEvent.ACCOUNT_DELETED, boss.id()).isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_last_administrator_can_be_neither_deleted_nor_demoted(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User boss = app.createMember("boss", Role.ADMIN);
            User member = app.createMember("member", Role.MEMBER);
            TestClient admin = app.loggedIn("boss");

            var demote = admin.postForm("/admin/users/" + boss.id() + "/role", Map.of("role", "MEMBER"));
            assertEquals(409, demote.status());
            assertTrue(demote.body().contains("This is the last administrator: promote someone else first."));
            assertEquals(Role.ADMIN, app.users().findById(boss.id()).orElseThrow().role());

            // Through the pages the only admin is always oneself; the service refuses any other actor too.
            var refused = assertThrows(ActionRefused.class, () -> members(app).delete(member.id(), boss.id(), "127.0.0.1"));
            assertEquals("error.admin.lastAdmin", refused.messageKey());
            assertTrue(app.users().findById(boss.id()).isPresent());
            assertTrue(events(app, AuditEvent.ROLE_CHANGE, boss.id()).stream().noneMatch(e -> boss.id().equals(e.actorId())));

            // With a second administrator, the first may step down; then the second is the last.
            User second = app.createMember("second", Role.ADMIN);
            assertEquals(303, admin.postForm("/admin/users/" + boss.id() + "/role", Map.of("role", "MEMBER")).status());
            assertEquals(Role.MEMBER, app.users().findById(boss.id()).orElseThrow().role());
            TestClient secondAdmin = app.loggedIn("second");
            secondAdmin.get("/admin/users");
            assertEquals(409, secondAdmin.postForm("/admin/users/" + second.id() + "/role", Map.of("role", "MEMBER")).status());
            assertEquals(Role.ADMIN, app.users().findById(second.id()).orElseThrow().role());
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_role_change_takes_effect_returns_to_the_list_with_a_notice_and_is_audited(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User boss = app.createMember("boss", Role.ADMIN);
            User dave = app.createMember("dave", Role.MEMBER);
            // With a second factor, as administrator pages require (auth.admin-second-factor=required).
            app.enrolSecondFactor(dave);
            TestClient davesBrowser = app.loggedIn("dave");
            assertEquals(403, davesBrowser.get("/admin/users").status());
            TestClient admin = app.loggedIn("boss");
            admin.get("/admin/users");

            var promoted = admin.postForm("/admin/users/" + dave.id() + "/role",
                    Map.of("role", "ADMIN", "q", "da", "sort", "lastLogin", "page", "1"));
            assertEquals(303, promoted.status());
            assertEquals("/admin/users?q=da&sort=lastLogin&notice=role&member=" + dave.id(), promoted.location());
            assertTrue(admin.get(promoted.location()).body().contains("dave is now: Administrator."));
            assertTrue(admin.get(promoted.location(), "Accept-Language", "ko").body()
                    .contains("dave 회원의 권한을 바꿨습니다. 현재 권한: 관리자"));
            assertEquals(Role.ADMIN, app.users().findById(dave.id()).orElseThrow().role());
            assertEquals(200, davesBrowser.get("/admin/users").status(), "dave's browser has the new role");

            AuditEntry event = events(app, AuditEvent.ROLE_CHANGE, dave.id()).get(0);
            assertEquals(boss.id(), event.actorId());
            assertEquals("MEMBER -> ADMIN", event.detail());

            for (String bad : List.of("ROOT", "ANONYMOUS", "")) {
                var refused = admin.postForm("/admin/users/" + dave.id() + "/role", Map.of("role", bad));
                assertEquals(409, refused.status(), bad);
                assertTrue(refused.body().contains("Choose Member or Administrator."));
            }
            assertEquals(409, admin.postForm("/admin/users/" + dave.id() + "/role", Map.of()).status(), "no role at all");
            assertEquals(Role.ADMIN, app.users().findById(dave.id()).orElseThrow().role());

            assertEquals(303, admin.postForm("/admin/users/" + dave.id() + "/role", Map.of("role", "member")).status());
            assertEquals(Role.MEMBER, app.users().findById(dave.id()).orElseThrow().role());
            assertEquals(403, davesBrowser.get("/admin/users").status(), "demoted at once on this instance");
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void lifting_a_lock_lets_the_member_log_in_again_and_is_audited(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User boss = app.createMember("boss", Role.ADMIN);
            User evelyn = app.createMember("evelyn", Role.MEMBER);
            app.users().countAttempt(evelyn.id(), 0, 7, app.clock().instant().plus(Duration.ofHours(1)));
            assertEquals(401, app.client().logIn("evelyn", TestApp.PASSWORD).status(), "locked: even the right password fails");
            TestClient admin = app.loggedIn("boss");

            var list = admin.get("/admin/users?q=evelyn");
            assertTrue(list.body().contains("Locked until"), "the list shows the lock");
            assertTrue(list.body().contains("action=\"/admin/users/" + evelyn.id() + "/unlock\""));

            var lifted = admin.postForm("/admin/users/" + evelyn.id() + "/unlock", Map.of("q", "evelyn"));
            assertEquals(303, lifted.status());
            assertEquals("/admin/users?q=evelyn&sort=joined&notice=unlocked&member=" + evelyn.id(), lifted.location());
            var after = admin.get(lifted.location());
            assertTrue(after.body().contains("The login lock on evelyn has been lifted."));
            assertFalse(after.body().contains("Locked until"));

            Credentials credentials = app.users().credentials(evelyn.id()).orElseThrow();
            assertEquals(0, credentials.failedLogins());
            assertNull(credentials.lockedUntil());
            assertEquals(303, app.client().logIn("evelyn", TestApp.PASSWORD).status(), "evelyn can log in again");
            assertEquals(boss.id(), events(app, AuditEvent.ACCOUNT_UNLOCKED, evelyn.id()).get(0).actorId());

            assertEquals(303, admin.postForm("/admin/users/" + evelyn.id() + "/unlock", Map.of()).status(),
                    "lifting a lock that is not there is harmless");
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void ending_a_members_sessions_logs_out_every_browser_of_theirs_and_is_audited(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User boss = app.createMember("boss", Role.ADMIN);
            User frank = app.createMember("frank", Role.MEMBER);
            TestClient first = app.loggedIn("frank");
            TestClient second = app.loggedIn("frank");
            assertEquals(200, first.get("/me").status());
            TestClient admin = app.loggedIn("boss");
            assertEquals("2", Html.textOf(admin.get("/admin/users/" + frank.id()).body(), "session-count").orElseThrow(),
                    "two active sessions shown");
            assertTrue(admin.get("/admin/users?q=frank").body().contains("action=\"/admin/users/" + frank.id() + "/sessions/revoke\""),
                    "the list offers to end them");

            var ended = admin.postForm("/admin/users/" + frank.id() + "/sessions/revoke", Map.of());
            assertEquals(303, ended.status());
            assertTrue(admin.get(ended.location()).body().contains("frank has been logged out on every device."));
            assertEquals(303, first.get("/me").status());
            assertEquals(303, second.get("/me").status());
            assertEquals(200, admin.get("/admin/users").status(), "the admin's own session is untouched");
            AuditEntry event = events(app, AuditEvent.SESSIONS_REVOKED, frank.id()).get(0);
            assertEquals(boss.id(), event.actorId());
            assertEquals("2 sessions ended", event.detail());
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_malformed_or_unknown_member_id_gets_the_404_page_not_an_error(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("boss", Role.ADMIN);
            TestClient admin = app.loggedIn("boss");
            admin.get("/admin/users");
            String unknown = UUID.randomUUID().toString();
            for (String id : List.of("not-a-uuid", "1-1-1-1-1", "%20", unknown, unknown.toUpperCase())) {
                var confirm = admin.get("/admin/users/" + id + "/delete");
                assertEquals(404, confirm.status(), id);
                assertTrue(confirm.body().contains("<html lang=\"en\">"), "a page, not a bare error");
                for (String action : List.of("delete", "role", "unlock", "sessions/revoke")) {
                    var response = admin.postForm("/admin/users/" + id + "/" + action, Map.of("role", "ADMIN"));
                    assertEquals(404, response.status(), action + " " + id);
                    assertFalse(response.body().contains("Exception"));
                }
            }
            assertTrue(admin.get("/admin/users/" + unknown + "/delete").body().contains("There is no such member."));
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void an_action_without_the_csrf_token_is_refused_and_changes_nothing(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("boss", Role.ADMIN);
            User victim = app.createMember("victim", Role.MEMBER);
            TestClient admin = app.loggedIn("boss");
            admin.get("/admin/users");
            java.util.HashMap<String, String> noToken = new java.util.HashMap<>();
            noToken.put("_csrf", null);
            noToken.put("role", "ADMIN");
            assertEquals(403, admin.postForm("/admin/users/" + victim.id() + "/delete", noToken).status());
            assertEquals(403, admin.postForm("/admin/users/" + victim.id() + "/role", noToken).status());
            noToken.put("_csrf", "forged");
            assertEquals(403, admin.postForm("/admin/users/" + victim.id() + "/delete", noToken).status());
            assertTrue(app.users().findById(victim.id()).isPresent());
            assertEquals(Role.MEMBER, app.users().findById(victim.id()).orElseThrow().role());
        }
    }
}
