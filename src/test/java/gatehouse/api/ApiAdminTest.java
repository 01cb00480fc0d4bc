package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gatehouse.admin.MemberAdministration;
import gatehouse.domain.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/admin/users}: search, one member, deletion and role changes, for administrators. */
class ApiAdminTest {
    static final String USERS = "/api/v1/admin/users";

    private static String idOf(Api api, String username) {
        return api.app().users().findByUsername(username).orElseThrow().id().toString();
    }

    @Test
    void the_list_pages_searches_and_sorts_like_the_admin_page() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            for (int i = 0; i < MemberAdministration.PAGE_SIZE + 2; i++) {
                api.app().createMember(String.format("user%02d", i), Role.MEMBER);
            }
            api.app().createMember("zelda", Role.MEMBER);
            var first = api.get(USERS + "?sort=username", admin.access());
            assertEquals(200, first.status(), first.body());
            JsonNode page = first.json();
            assertEquals(MemberAdministration.PAGE_SIZE + 4, page.path("total").asInt());
            assertEquals(1, page.path("page").asInt());
            assertEquals(MemberAdministration.PAGE_SIZE, page.path("pageSize").asInt());
            assertEquals(MemberAdministration.PAGE_SIZE, page.path("items").size());
            assertEquals("root", page.path("items").get(0).path("username").asText());
            var second = api.get(USERS + "?sort=username&page=2", admin.access()).json();
            assertEquals(2, second.path("page").asInt());
            assertEquals(4, second.path("items").size());
            assertEquals("zelda", second.path("items").get(3).path("username").asText());
            var search = api.get(USERS + "?q=ZEL", admin.access()).json();
            assertEquals(1, search.path("total").asInt());
            JsonNode zelda = search.path("items").get(0);
            assertEquals("zelda", zelda.path("username").asText());
            assertEquals(0, zelda.path("failedLogins").asInt());
            assertFalse(zelda.has("passwordHash") || zelda.has("password"));
        }
    }

    @Test
    void a_bad_page_or_sort_parameter_is_400_naming_it() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            for (String page : List.of("0", "-1", "two", "99999999999")) {
                assertEquals(List.of("page"), api.get(USERS + "?page=" + page, admin.access()).assertProblem(400).errorFields());
            }
            assertEquals(List.of("sort"), api.get(USERS + "?sort=password", admin.access()).assertProblem(400).errorFields());
            assertEquals(200, api.get(USERS + "?sort=lastLogin&page=7", admin.access()).status());
        }
    }

    @Test
    void one_member_by_id_and_404_for_unknown_or_malformed_ids() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            api.member("alice", Role.MEMBER);
            var reply = api.get(USERS + "/" + idOf(api, "alice"), admin.access());
            assertEquals(200, reply.status(), reply.body());
            assertEquals("alice", reply.text("username"));
            assertEquals(1, reply.json().path("activeSessions").asInt());
            api.get(USERS + "/" + UUID.randomUUID(), admin.access()).assertProblem(404);
            api.get(USERS + "/nobody", admin.access()).assertProblem(404);
            api.get(USERS + "/" + idOf(api, "alice").toUpperCase() + "0", admin.access()).assertProblem(404);
        }
    }

    @Test
    void deleting_a_member_removes_them_and_ends_their_access() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            Api.Tokens alice = api.member("alice", Role.MEMBER);
            String id = idOf(api, "alice");
            assertEquals(204, api.call("DELETE", USERS + "/" + id, null, admin.access()).status());
            assertTrue(api.app().users().findByUsername("alice").isEmpty());
            api.get("/api/v1/me", alice.access()).assertProblem(401);
            api.call("DELETE", USERS + "/" + id, null, admin.access()).assertProblem(404);
            api.call("DELETE", USERS + "/" + UUID.randomUUID(), null, admin.access()).assertProblem(404);
            api.call("DELETE", USERS + "/xyz", null, admin.access()).assertProblem(404);
        }
    }

    @Test
    void an_administrator_cannot_delete_themselves_or_demote_the_last_administrator() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            api.call("DELETE", USERS + "/" + idOf(api, "root"), null, admin.access()).assertProblem(409);
            api.call("PUT", USERS + "/" + idOf(api, "root") + "/role", Api.json("role", "MEMBER"), admin.access())
                    .assertProblem(409);
            assertEquals(Role.ADMIN, api.app().users().findByUsername("root").orElseThrow().role());
        }
    }

    @Test
    void changing_a_role_answers_the_member_and_takes_effect_on_their_tokens() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            // With a second factor, as the admin API requires (auth.admin-second-factor=required).
            api.app().enrolSecondFactor(api.app().createMember("alice", Role.MEMBER));
            Api.Tokens alice = api.login("alice", gatehouse.testing.TestApp.PASSWORD);
            var reply = api.call("PUT", USERS + "/" + idOf(api, "alice") + "/role", Api.json("role", "ADMIN"), admin.access());
            assertEquals(200, reply.status(), reply.body());
            assertEquals("ADMIN", reply.text("role"));
            // Her old token carries MEMBER: refused; a refreshed one carries ADMIN and opens the admin API.
            api.get("/api/v1/me", alice.access()).assertProblem(401);
            var renewed = api.post("/api/v1/auth/refresh", Api.json("refreshToken", alice.refresh()));
            assertEquals(200, renewed.status(), renewed.body());
            assertEquals(200, api.get(USERS, renewed.text("accessToken")).status());
        }
    }

    @Test
    void a_role_that_is_not_member_or_admin_is_422_naming_the_field() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            api.member("alice", Role.MEMBER);
            String path = USERS + "/" + idOf(api, "alice") + "/role";
            List<String> answers = new ArrayList<>();
            for (String role : List.of("ANONYMOUS", "SUPERUSER", "")) {
                answers.addAll(api.call("PUT", path, Api.json("role", role), admin.access()).assertProblem(422).errorFields());
            }
            assertEquals(List.of("role", "role", "role"), answers);
            assertEquals(List.of("role"), api.call("PUT", path, "{}", admin.access()).assertProblem(422).errorFields());
            assertEquals(List.of("username"), api.call("PUT", path, Api.json("role", "ADMIN", "username", "x"), admin.access())
                    .assertProblem(400).errorFields());
            api.call("PUT", USERS + "/" + UUID.randomUUID() + "/role", Api.json("role", "ADMIN"), admin.access()).assertProblem(404);
            assertEquals(Role.MEMBER, api.app().users().findByUsername("alice").orElseThrow().role());
        }
    }
}
