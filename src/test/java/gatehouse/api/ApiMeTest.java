package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gatehouse.testing.TestApp;
import gatehouse.domain.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/me}: the caller's profile, deleting the account, and the caller's sessions. */
class ApiMeTest {
    static final String ME = "/api/v1/me";
    static final String SESSIONS = "/api/v1/me/sessions";

    @Test
    void get_me_shows_the_callers_profile_and_nothing_secret() {
        try (Api api = Api.start()) {
            Api.Tokens tokens = api.member("alice", Role.MEMBER);
            var reply = api.get(ME, tokens.access());
            assertEquals(200, reply.status(), reply.body());
            JsonNode me = reply.json();
            assertEquals("alice", me.path("username").asText());
            assertEquals("MEMBER", me.path("role").asText());
            assertEquals("Name alice", me.path("name").asText());
            assertTrue(me.path("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), "ISO instant: " + me);
            for (String secret : List.of("password", "passwordHash", "failedLogins", "lockedUntil")) {
                assertFalse(me.has(secret), secret);
            }
        }
    }

    @Test
    void patch_me_changes_only_the_given_fields_and_keeps_korean_text_intact() {
        try (Api api = Api.start()) {
            Api.Tokens tokens = api.member("alice", Role.MEMBER);
            var reply = api.call("PATCH", ME, Api.json("nickname", "앨리스", "birthday", "1988-02-29", "phone", "010-1234-5678"),
                    tokens.access());
            assertEquals(200, reply.status(), reply.body());
            assertEquals("앨리스", reply.text("nickname"));
            assertEquals("1988-02-29", reply.text("birthday"));
            assertEquals("Name alice", reply.text("name"), "a field left out keeps its value");
            assertEquals("앨리스", api.get(ME, tokens.access()).text("nickname"));
            // An empty string clears an optional field.
            var cleared = api.call("PATCH", ME, Api.json("phone", ""), tokens.access());
            assertFalse(cleared.json().has("phone"), cleared.body());
        }
    }

    @Test
    void patch_me_rejects_fields_that_are_not_profile_fields_naming_them() {
        try (Api api = Api.start()) {
            Api.Tokens tokens = api.member("alice", Role.MEMBER);
            for (String field : List.of("role", "username", "password", "id")) {
                var reply = api.call("PATCH", ME, Api.json(field, "ADMIN"), tokens.access()).assertProblem(400);
                assertEquals(List.of(field), reply.errorFields());
            }
            assertEquals(Role.MEMBER, api.app().users().findByUsername("alice").orElseThrow().role());
        }
    }

    @Test
    void patch_me_with_broken_rules_is_422_naming_each_field_and_changes_nothing() {
        try (Api api = Api.start()) {
            Api.Tokens tokens = api.member("alice", Role.MEMBER);
            var reply = api.call("PATCH", ME, Api.json("name", "", "nickname", "x".repeat(31), "birthday", "2999-01-01",
                    "gender", "robot"), tokens.access()).assertProblem(422);
            assertEquals(Set.of("name", "nickname", "birthday", "gender"), Set.copyOf(reply.errorFields()));
            assertEquals("Name alice", api.get(ME, tokens.access()).text("name"));
            var wrongType = api.call("PATCH", ME, "{\"privacyConsent\": \"yes please\"}", tokens.access()).assertProblem(400);
            assertEquals(List.of("privacyConsent"), wrongType.errorFields());
        }
    }

    @Test
    void delete_me_needs_the_current_password() {
        try (Api api = Api.start()) {
            Api.Tokens tokens = api.member("alice", Role.MEMBER);
            var wrong = api.call("DELETE", ME, Api.json("password", "not-my-password-123"), tokens.access()).assertProblem(422);
            assertEquals(List.of("password"), wrong.errorFields());
            var missing = api.call("DELETE", ME, "{}", tokens.access()).assertProblem(422);
            assertEquals(List.of("password"), missing.errorFields());
            api.call("DELETE", ME, null, tokens.access()).assertProblem(415);
            assertTrue(api.app().users().findByUsername("alice").isPresent());
        }
    }

    @Test
    void delete_me_removes_the_account_and_ends_every_session() {
        try (Api api = Api.start()) {
            Api.Tokens tokens = api.member("alice", Role.MEMBER);
            Api.Tokens other = api.login("alice", TestApp.PASSWORD);
            assertEquals(204, api.call("DELETE", ME, Api.json("password", TestApp.PASSWORD), tokens.access()).status());
            assertTrue(api.app().users().findByUsername("alice").isEmpty());
            api.get(ME, tokens.access()).assertProblem(401);
            api.get(ME, other.access()).assertProblem(401);
            api.post("/api/v1/auth/refresh", Api.json("refreshToken", other.refresh())).assertProblem(401);
            api.post("/api/v1/auth/login", Api.json("username", "alice", "password", TestApp.PASSWORD)).assertProblem(401);
        }
    }

    @Test
    void sessions_lists_the_callers_active_sessions_and_marks_the_current_one() {
        try (Api api = Api.start()) {
            Api.Tokens first = api.member("alice", Role.MEMBER);
            Api.Tokens second = api.login("alice", TestApp.PASSWORD);
            api.member("bobby", Role.MEMBER);
            var reply = api.get(SESSIONS, second.access());
            assertEquals(200, reply.status(), reply.body());
            JsonNode items = reply.json().path("items");
            assertEquals(2, items.size(), reply.body());
            int current = 0;
            for (JsonNode session : items) {
                current += session.path("current").asBoolean() ? 1 : 0;
                assertTrue(session.has("id") && session.has("lastUsedAt") && session.has("expiresAt"));
                assertFalse(session.has("currentHash") || session.has("previousHash") || session.has("userId"));
            }
            assertEquals(1, current);
            assertEquals(204, api.post("/api/v1/auth/logout", Api.json("refreshToken", first.refresh())).status());
            assertEquals(1, api.get(SESSIONS, second.access()).json().path("items").size());
        }
    }

    @Test
    void ending_one_of_my_sessions_revokes_it_and_only_it() {
        try (Api api = Api.start()) {
            Api.Tokens phone = api.member("alice", Role.MEMBER);
            Api.Tokens laptop = api.login("alice", TestApp.PASSWORD);
            String phoneSession = otherSession(api, laptop);
            assertEquals(204, api.call("DELETE", SESSIONS + "/" + phoneSession, null, laptop.access()).status());
            api.get(ME, phone.access()).assertProblem(401);
            api.post("/api/v1/auth/refresh", Api.json("refreshToken", phone.refresh())).assertProblem(401);
            assertEquals(200, api.get(ME, laptop.access()).status());
            // Again: the session is over, so there is no active session of that id to end.
            api.call("DELETE", SESSIONS + "/" + phoneSession, null, laptop.access()).assertProblem(404);
        }
    }

    @Test
    void someone_elses_session_an_unknown_id_and_a_malformed_id_are_all_404() {
        try (Api api = Api.start()) {
            Api.Tokens alice = api.member("alice", Role.MEMBER);
            Api.Tokens bob = api.member("bobby", Role.MEMBER);
            String bobsSession = api.get(SESSIONS, bob.access()).json().path("items").get(0).path("id").asText();
            api.call("DELETE", SESSIONS + "/" + bobsSession, null, alice.access()).assertProblem(404);
            assertEquals(200, api.get(ME, bob.access()).status(), "Bob's session goes on");
            api.call("DELETE", SESSIONS + "/" + UUID.randomUUID(), null, alice.access()).assertProblem(404);
            for (String bad : List.of("not-a-uuid", "1-2-3-4-5", "%27%20OR%201%3D1")) {
                api.call("DELETE", SESSIONS + "/" + bad, null, alice.access()).assertProblem(404);
            }
        }
    }

    private static String otherSession(Api api, Api.Tokens caller) {
        List<String> others = new ArrayList<>();
        api.get(SESSIONS, caller.access()).json().path("items").forEach(s -> {
            if (!s.path("current").asBoolean()) {
                others.add(s.path("id").asText());
            }
        });
        assertEquals(1, others.size());
        return others.get(0);
    }
}
