package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gatehouse.testing.TestClient;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.domain.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /api/v1/auth}: sign-up, login, refresh (rotation, grace, reuse, parallel) and logout. */
class ApiAuthTest {
    static final String SIGNUP = "/api/v1/auth/signup";
    static final String LOGIN = "/api/v1/auth/login";
    static final String REFRESH = "/api/v1/auth/refresh";
    static final String LOGOUT = "/api/v1/auth/logout";

    static String signup(String username) {
        return Api.json("username", username, "password", TestApp.PASSWORD, "passwordConfirm", TestApp.PASSWORD,
                "name", "Kim Minji", "nickname", "민지", "introduction", "Hello", "phone", "+82 10-1234-5678",
                "birthday", "1990-04-01", "gender", "FEMALE", "privacyConsent", true);
    }

    // --- sign-up ---

    @Test
    void signup_creates_a_member_and_answers_201_with_the_member_only() {
        try (Api api = Api.start()) {
            var reply = api.post(SIGNUP, signup("Minji_K"));
            assertEquals(201, reply.status(), reply.body());
            JsonNode member = reply.json();
            assertEquals("minji_k", member.path("username").asText());
            assertEquals("MEMBER", member.path("role").asText());
            assertEquals("민지", member.path("nickname").asText());
            assertEquals("1990-04-01", member.path("birthday").asText());
            assertEquals("FEMALE", member.path("gender").asText());
            assertTrue(member.path("privacyConsent").asBoolean());
            assertFalse(member.has("password") || member.has("passwordHash"), reply.body());
            assertFalse(member.has("lastLoginAt"), "no nulls are written: " + reply.body());
            assertTrue(api.app().users().findByUsername("minji_k").isPresent());
        }
    }

    @Test
    void signup_lists_every_broken_field_by_name_with_422() {
        try (Api api = Api.start()) {
            var reply = api.post(SIGNUP, Api.json("username", "a!", "password", "short", "passwordConfirm", "other",
                    "name", "", "nickname", "n", "phone", "call me", "birthday", "1.4.1990", "gender", "robot"))
                    .assertProblem(422);
            assertEquals(Set.of("username", "password", "passwordConfirm", "name", "phone", "birthday", "gender"),
                    Set.copyOf(reply.errorFields()));
            reply.json().path("errors").forEach(e -> assertFalse(e.path("message").asText().startsWith("error."), reply.body()));
            assertTrue(api.app().users().findByUsername("a!").isEmpty());
        }
    }

    @Test
    void signup_with_a_taken_user_name_is_409_naming_the_field() {
        try (Api api = Api.start()) {
            api.app().createMember("minji", Role.MEMBER);
            var reply = api.post(SIGNUP, signup("MINJI")).assertProblem(409);
            assertEquals(List.of("username"), reply.errorFields());
        }
    }

    @Test
    void signup_cannot_set_a_role_or_any_field_it_does_not_know() {
        try (Api api = Api.start()) {
            String withRole = signup("minji").replace("{", "{\"role\":\"ADMIN\",");
            var reply = api.post(SIGNUP, withRole).assertProblem(400);
            assertEquals(List.of("role"), reply.errorFields());
            assertTrue(api.app().users().findByUsername("minji").isEmpty());
        }
    }

    // --- login ---

    @Test
    void login_answers_a_bearer_token_pair_that_opens_the_api() {
        try (Api api = Api.start()) {
            api.app().createMember("alice", Role.MEMBER);
            var reply = api.post(LOGIN, Api.json("username", "alice", "password", TestApp.PASSWORD));
            assertEquals(200, reply.status(), reply.body());
            assertEquals("Bearer", reply.text("tokenType"));
            assertEquals(900, reply.json().path("expiresIn").asLong());
            assertTrue(reply.text("refreshToken").length() >= 43);
            assertEquals("no-store", reply.header("Cache-Control").orElseThrow());
            var me = api.get("/api/v1/me", reply.text("accessToken"));
            assertEquals(200, me.status(), me.body());
            assertEquals("alice", me.text("username"));
        }
    }

    @Test
    void login_with_wrong_password_says_the_same_as_unknown_user() {
        try (Api api = Api.start()) {
            api.app().createMember("alice", Role.MEMBER);
            var wrong = api.post(LOGIN, Api.json("username", "alice", "password", "not-the-password-at-all")).assertProblem(401);
            var unknown = api.post(LOGIN, Api.json("username", "nobody", "password", "not-the-password-at-all")).assertProblem(401);
            assertEquals(wrong.text("detail"), unknown.text("detail"));
            assertTrue(wrong.header("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
            assertTrue(unknown.header("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        }
    }

    @Test
    void login_without_user_name_or_password_is_422_naming_both() {
        try (Api api = Api.start()) {
            var reply = api.post(LOGIN, Api.json("username", " ")).assertProblem(422);
            assertEquals(Set.of("username", "password"), Set.copyOf(reply.errorFields()));
        }
    }

    // --- refresh ---

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void refresh_rotates_the_token_and_the_new_one_works_once(String database) {
        try (Api api = Api.start(b -> b.database(database))) {
            Api.Tokens first = api.member("alice", Role.MEMBER);
            var second = api.post(REFRESH, Api.json("refreshToken", first.refresh()));
            assertEquals(200, second.status(), second.body());
            assertNotEquals(first.refresh(), second.text("refreshToken"));
            assertEquals("Bearer", second.text("tokenType"));
            assertEquals(200, api.get("/api/v1/me", second.text("accessToken")).status());
            var third = api.post(REFRESH, Api.json("refreshToken", second.text("refreshToken")));
            assertEquals(200, third.status(), third.body());
            assertNotEquals(second.text("refreshToken"), third.text("refreshToken"));
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_previous_token_within_the_grace_period_gets_an_access_token_and_no_refresh_token(String database) {
        try (Api api = Api.start(b -> b.database(database))) {
            Api.Tokens first = api.member("alice", Role.MEMBER);
            var rotated = api.post(REFRESH, Api.json("refreshToken", first.refresh()));
            var again = api.post(REFRESH, Api.json("refreshToken", first.refresh()));
            assertEquals(200, again.status(), again.body());
            assertNull(again.text("refreshToken"), "keep the refresh token of the parallel call: " + again.body());
            assertEquals(200, api.get("/api/v1/me", again.text("accessToken")).status());
            // The session goes on with the successor.
            assertEquals(200, api.post(REFRESH, Api.json("refreshToken", rotated.text("refreshToken"))).status());
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void reuse_after_the_grace_period_ends_the_whole_session(String database) {
        MutableClock clock = MutableClock.startingNow();
        try (Api api = Api.start(b -> b.database(database).clock(clock))) {
            Api.Tokens first = api.member("alice", Role.MEMBER);
            var rotated = api.post(REFRESH, Api.json("refreshToken", first.refresh()));
            assertEquals(200, rotated.status());
            clock.advance(Duration.ofSeconds(11));
            var reuse = api.post(REFRESH, Api.json("refreshToken", first.refresh())).assertProblem(401);
            assertEquals("Bearer error=\"invalid_token\"", reuse.header("WWW-Authenticate").orElseThrow());
            // The thief's or the owner's successor: both are dead now, and so is the access token.
            api.post(REFRESH, Api.json("refreshToken", rotated.text("refreshToken"))).assertProblem(401);
            api.get("/api/v1/me", rotated.text("accessToken")).assertProblem(401);
            int audited = api.app().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM audit_events WHERE type = 'REFRESH_REUSE'").mapTo(Integer.class).one());
            assertEquals(1, audited);
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_token_older_than_the_predecessor_is_reuse_even_within_the_grace_period(String database) {
        try (Api api = Api.start(b -> b.database(database))) {
            Api.Tokens first = api.member("alice", Role.MEMBER);
            var second = api.post(REFRESH, Api.json("refreshToken", first.refresh()));
            var third = api.post(REFRESH, Api.json("refreshToken", second.text("refreshToken")));
            assertEquals(200, third.status());
            api.post(REFRESH, Api.json("refreshToken", first.refresh())).assertProblem(401);
            api.post(REFRESH, Api.json("refreshToken", third.text("refreshToken"))).assertProblem(401);
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void parallel_refreshes_of_one_token_rotate_it_exactly_once_and_all_succeed(String database) throws Exception {
        try (Api api = Api.start(b -> b.database(database))) {
            Api.Tokens first = api.member("alice", Role.MEMBER);
            int parallel = 8;
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TestClient.Response>> replies = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.post(REFRESH, Api.json("refreshToken", first.refresh()));
                }));
            }
            start.countDown();
            List<String> successors = new ArrayList<>();
            for (Future<TestClient.Response> future : replies) {
                TestClient.Response reply = future.get(30, TimeUnit.SECONDS);
                assertEquals(200, reply.status(), reply.body());
                assertEquals(200, api.get("/api/v1/me", reply.text("accessToken")).status());
                if (reply.text("refreshToken") != null) {
                    successors.add(reply.text("refreshToken"));
                }
            }
            pool.shutdown();
            assertEquals(1, successors.size(), "exactly one call rotates: " + successors);
            assertEquals(200, api.post(REFRESH, Api.json("refreshToken", successors.get(0))).status());
        }
    }

    @Test
    void refresh_with_an_unknown_or_missing_token() {
        try (Api api = Api.start()) {
            var unknown = api.post(REFRESH, Api.json("refreshToken", "made-up-token")).assertProblem(401);
            assertTrue(unknown.header("WWW-Authenticate").isPresent());
            var missing = api.post(REFRESH, "{}").assertProblem(422);
            assertEquals(List.of("refreshToken"), missing.errorFields());
        }
    }

    // --- logout ---

    @Test
    void logout_ends_the_session_of_the_refresh_token_and_may_be_repeated() {
        try (Api api = Api.start()) {
            Api.Tokens tokens = api.member("alice", Role.MEMBER);
            Api.Tokens other = api.login("alice", TestApp.PASSWORD);
            assertEquals(204, api.post(LOGOUT, Api.json("refreshToken", tokens.refresh())).status());
            api.post(REFRESH, Api.json("refreshToken", tokens.refresh())).assertProblem(401);
            api.get("/api/v1/me", tokens.access()).assertProblem(401);
            assertEquals(204, api.post(LOGOUT, Api.json("refreshToken", tokens.refresh())).status());
            // Only that session: the other login goes on.
            assertEquals(200, api.get("/api/v1/me", other.access()).status());
        }
    }

    @Test
    void logout_with_a_rotated_token_still_ends_its_family() {
        try (Api api = Api.start()) {
            Api.Tokens first = api.member("alice", Role.MEMBER);
            var rotated = api.post(REFRESH, Api.json("refreshToken", first.refresh()));
            assertEquals(204, api.post(LOGOUT, Api.json("refreshToken", first.refresh())).status());
            api.post(REFRESH, Api.json("refreshToken", rotated.text("refreshToken"))).assertProblem(401);
        }
    }

    @Test
    void logout_with_an_unknown_or_missing_token() {
        try (Api api = Api.start()) {
            api.post(LOGOUT, Api.json("refreshToken", "made-up-token")).assertProblem(401);
            assertEquals(List.of("refreshToken"), api.post(LOGOUT, Api.json("refreshToken", "")).assertProblem(422).errorFields());
            api.send("POST", LOGOUT, "refreshToken=x", "Content-Type", "application/x-www-form-urlencoded").assertProblem(415);
        }
    }
}
