package gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.User;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AdminAccessTest {

    /** Every admin route, as method and path, with the fields a real form would send. */
    private static List<String[]> routes(User target) {
        String id = target.id().toString();
        return List.of(
                new String[] {"GET", "/admin/users"},
                new String[] {"GET", "/admin/users?q=a&sort=username&page=2"},
                new String[] {"GET", "/admin/audit"},
                new String[] {"GET", "/admin/users/" + id + "/delete"},
                new String[] {"POST", "/admin/users/" + id + "/delete"},
                new String[] {"POST", "/admin/users/" + id + "/role"},
                new String[] {"POST", "/admin/users/" + id + "/unlock"},
                new String[] {"POST", "/admin/users/" + id + "/sessions/revoke"});
    }

    private static TestClient.Response call(TestClient client, String[] route) {
        return route[0].equals("GET") ? client.get(route[1]) : client.postForm(route[1], Map.of("role", "ADMIN"));
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_member_gets_403_on_every_admin_route_and_nothing_changes(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("boss", Role.ADMIN);
            User member = app.createMember("plainmember", Role.MEMBER);
            User other = app.createMember("othermember", Role.MEMBER);
            TestClient browser = app.loggedIn("plainmember");
            assertEquals(200, browser.get("/me").status());
            for (String[] route : routes(other)) {
                var response = call(browser, route);
                assertEquals(403, response.status(), route[0] + " " + route[1]);
            }
            for (String[] route : routes(member)) {
                assertEquals(403, call(browser, route).status(), "on oneself: " + route[0] + " " + route[1]);
            }
            assertEquals(Role.MEMBER, app.users().findById(member.id()).orElseThrow().role());
            assertTrue(app.users().findById(other.id()).isPresent());
            assertEquals(200, browser.get("/me").status(), "the member is still logged in");
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void an_anonymous_visitor_is_sent_to_the_login_page_on_every_admin_route(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            User boss = app.createMember("boss", Role.ADMIN);
            TestClient anonymous = app.client();
            for (String[] route : routes(boss)) {
                var response = call(anonymous, route);
                assertEquals(303, response.status(), route[0] + " " + route[1]);
                assertTrue(response.location().startsWith("/login"), response.location());
            }
            assertEquals(Role.ADMIN, app.users().findById(boss.id()).orElseThrow().role());
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void an_administrator_reaches_the_admin_pages(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("boss", Role.ADMIN);
            User member = app.createMember("plainmember", Role.MEMBER);
            TestClient admin = app.loggedIn("boss");
            assertEquals(200, admin.get("/admin/users").status());
            assertEquals(200, admin.get("/admin/audit").status());
            assertEquals(200, admin.get("/admin/users/" + member.id() + "/delete").status());
        }
    }
}
