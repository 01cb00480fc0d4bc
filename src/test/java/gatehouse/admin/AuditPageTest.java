package gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.User;
import gatehouse.audit.AuditDao;
import gatehouse.audit.AuditEvent;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit log page: newest first, paged, filtered by member and by type, on both databases. */
class AuditPageTest {
    private static final Pattern DETAIL = Pattern.compile("<td><code>([^<]*)</code></td>");

    private static List<String> details(TestClient.Response page) {
        assertEquals(200, page.status());
        List<String> found = new ArrayList<>();
        Matcher m = DETAIL.matcher(page.body());
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_log_is_newest_first_and_paged_fifty_at_a_time(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User boss = app.createMember("boss", Role.ADMIN);
            User carol = app.createMember("carol", Role.MEMBER);
            AuditDao dao = app.services().auditDao();
            Instant past = app.clock().instant().minus(1, ChronoUnit.DAYS);
            for (int i = 0; i < 120; i++) {
                dao.insert(past.plusSeconds(i), AuditEvent.LOGIN_FAILURE, null, carol.id(), "10.0.0.1", "event " + i);
            }
            TestClient admin = app.loggedIn("boss");

            var first = admin.get("/admin/audit");
            List<String> newest = details(first);
            assertEquals(50, newest.size());
            assertTrue(newest.indexOf("event 119") > 0, "the login just now comes before the old events");
            assertEquals("event 118", newest.get(newest.indexOf("event 119") + 1));
            assertTrue(first.body().contains("href=\"/admin/audit?page=2\""));

            // 120 failures + boss's sign-up, second-factor enrolment and login + carol's sign-up = 124 events, 3 pages.
            assertTrue(first.body().contains("124 events, newest first."), "total shown");
            List<String> last = details(admin.get("/admin/audit?page=3"));
            assertEquals(24, last.size());
            assertTrue(last.contains("event 0"));
            assertEquals(last, details(admin.get("/admin/audit?page=99")), "beyond the end shows the last page");
            assertEquals(newest, details(admin.get("/admin/audit?page=0")), "page 0 is the first page");
            assertEquals(newest, details(admin.get("/admin/audit?page=-5")), "so is a negative page");
            assertEquals(boss.id(), dao.matching(boss.id(), null, AuditEvent.LOGIN_SUCCESS, 1, 0).get(0).actorId());
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_log_filters_by_member_name_or_id_and_by_type_and_still_finds_deleted_members(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("boss", Role.ADMIN);
            User carol = app.createMember("carol", Role.MEMBER);
            User dave = app.createMember("dave", Role.MEMBER);
            app.client().logIn("carol", "wrong-password-for-carol");
            app.loggedIn("dave");
            TestClient admin = app.loggedIn("boss");
            admin.get("/admin/users");
            admin.postForm("/admin/users/" + dave.id() + "/role", Map.of("role", "ADMIN"));

            var carols = admin.get("/admin/audit?member=CAROL");
            assertTrue(carols.body().contains("2 events"), "sign-up and failed login");
            assertTrue(carols.body().contains("Failed login"));
            assertFalse(carols.body().contains(">dave<"));
            assertTrue(carols.body().contains("value=\"CAROL\""), "the filter is shown as entered");

            var byId = admin.get("/admin/audit?member=" + carol.id());
            assertTrue(byId.body().contains("2 events"));

            var roleChanges = admin.get("/admin/audit?type=ROLE_CHANGE");
            assertTrue(roleChanges.body().contains("1 event,"));
            assertTrue(roleChanges.body().contains("MEMBER -&gt; ADMIN"));
            assertTrue(roleChanges.body().contains("<option value=\"ROLE_CHANGE\" selected>"));

            var davesLogins = admin.get("/admin/audit?member=dave&type=LOGIN_SUCCESS");
            assertTrue(davesLogins.body().contains("1 event,"));

            var unknownType = admin.get("/admin/audit?type=NOT_A_TYPE");
            assertEquals(200, unknownType.status(), "an unknown type means every type");
            assertTrue(unknownType.body().contains("<option value=\"\" selected>"));

            admin.get("/admin/users");
            admin.postForm("/admin/users/" + carol.id() + "/delete", Map.of());
            var afterDeletion = admin.get("/admin/audit?member=carol");
            assertTrue(afterDeletion.body().contains("3 events"), "the deletion is found by the deleted member's name");
            assertTrue(afterDeletion.body().contains("Account deleted"));
            assertTrue(admin.get("/admin/audit?member=carol", "Accept-Language", "ko").body().contains("계정 삭제"));

            var nobody = admin.get("/admin/audit?member=nobody-at-all");
            assertTrue(nobody.body().contains("No events"));
        }
    }
}
