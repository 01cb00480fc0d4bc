package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.domain.Role;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Walks the real route table: every endpoint declares exactly one {@link Role}, and every MEMBER or ADMIN
 * endpoint turns away visitors (and ADMIN ones members). A new route without a role fails here.
 */
class RouteRolesTest {
    private static final Set<HandlerType> FILTERS = Set.of(HandlerType.BEFORE, HandlerType.AFTER,
            HandlerType.BEFORE_MATCHED, HandlerType.AFTER_MATCHED);

    private static List<Endpoint> endpoints(TestApp app) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (ParsedEndpoint parsed : app.javalin().unsafe.internalRouter.allHttpHandlers()) {
            if (!FILTERS.contains(parsed.endpoint.method)) {
                endpoints.add(parsed.endpoint);
            }
        }
        return endpoints;
    }

    private static Role roleOf(Endpoint endpoint) {
        Roles roles = endpoint.metadata(Roles.class);
        Set<RouteRole> declared = roles == null ? Set.of() : roles.getRoles();
        assertEquals(1, declared.size(), endpoint.method + " " + endpoint.path + " must declare exactly one Role: " + declared);
        RouteRole role = declared.iterator().next();
        assertTrue(role instanceof Role, endpoint.method + " " + endpoint.path + " declares a foreign role " + role);
        return (Role) role;
    }

    /** The path with each parameter ({id}, <id>) filled with a random UUID. */
    private static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}|<[^>]+>", UUID.randomUUID().toString());
    }

    private static TestClient.Response call(TestClient client, HandlerType method, String path) {
        if (method == HandlerType.GET) {
            return client.get(path);
        }
        if (method == HandlerType.POST && !path.startsWith("/api/")) {
            // A browser's form post with this browser's valid _csrf: only the role may refuse it.
            return client.postForm(path, Map.of());
        }
        return client.json(method.name(), path, method == HandlerType.GET || method == HandlerType.DELETE ? null : "{}");
    }

    @Test
    void every_route_declares_exactly_one_role() {
        try (TestApp app = TestApp.h2()) {
            List<Endpoint> endpoints = endpoints(app);
            assertTrue(endpoints.size() >= 10, "the walk sees the route table: " + endpoints.size());
            for (Endpoint endpoint : endpoints) {
                roleOf(endpoint);
            }
            assertTrue(endpoints.stream().anyMatch(e -> roleOf(e) == Role.MEMBER), "some routes need a member");
        }
    }

    @Test
    void visitors_are_sent_to_log_in_on_every_member_and_admin_route() {
        try (TestApp app = TestApp.h2()) {
            List<String> checked = new ArrayList<>();
            for (Endpoint endpoint : endpoints(app)) {
                if (roleOf(endpoint) == Role.ANONYMOUS) {
                    continue;
                }
                String path = concrete(endpoint.path);
                TestClient visitor = app.client();
                visitor.get("/login");

                TestClient.Response response = call(visitor, endpoint.method, path);

                String route = endpoint.method + " " + endpoint.path;
                if (path.startsWith("/api/")) {
                    assertEquals(401, response.status(), route);
                    assertTrue(response.header("WWW-Authenticate").orElse("").startsWith("Bearer"), route);
                } else {
                    assertEquals(303, response.status(), route + ": " + response.body());
                    assertTrue(response.location().equals("/login") || response.location().startsWith("/login?next="),
                            route + " -> " + response.location());
                }
                checked.add(route);
            }
            assertTrue(checked.contains("GET /me") && checked.contains("POST /logout"), checked.toString());
        }
    }

    @Test
    void members_are_refused_on_every_admin_route() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            for (Endpoint endpoint : endpoints(app)) {
                if (roleOf(endpoint) != Role.ADMIN) {
                    continue;
                }
                String path = concrete(endpoint.path);
                TestClient member = app.loggedIn("alice");
                member.get("/me");
                String route = endpoint.method + " " + endpoint.path;

                TestClient.Response response = path.startsWith("/api/")
                        ? member.json(endpoint.method.name(), path, null, "Authorization", "Bearer " + apiToken(app))
                        : call(member, endpoint.method, path);

                assertEquals(403, response.status(), route);
            }
        }
    }

    @Test
    void a_member_page_route_answers_get_requests_with_the_path_to_come_back_to() {
        try (TestApp app = TestApp.h2()) {
            TestClient.Response response = app.client().get("/me?tab=sessions");

            assertEquals(303, response.status());
            assertEquals("/login?next=%2Fme%3Ftab%3Dsessions", response.location());
        }
    }

    @Test
    void roles_rank_admin_above_member_and_nobody_needs_more_than_anonymous() {
        assertTrue(Role.ADMIN.satisfies(Role.MEMBER));
        assertTrue(Role.MEMBER.satisfies(Role.MEMBER));
        assertFalse(Role.MEMBER.satisfies(Role.ADMIN));
        assertTrue(Role.MEMBER.satisfies(Role.ANONYMOUS));
        assertEquals(Role.MEMBER, Auth.requiredRole(Set.of(Role.MEMBER)));
        assertThrows(IllegalStateException.class, () -> Auth.requiredRole(Set.of()), "no role is an error, not 'anyone'");
        assertThrows(IllegalStateException.class, () -> Auth.requiredRole(Set.of(Role.MEMBER, Role.ADMIN)));
    }

    /** A member's access token, for API routes (sent as Bearer). */
    private static String apiToken(TestApp app) {
        return app.loggedIn("alice").cookie("access_token").orElseThrow();
    }
}
