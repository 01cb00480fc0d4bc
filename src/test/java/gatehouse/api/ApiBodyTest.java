package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.domain.Role;
import org.junit.jupiter.api.Test;

/** How the API answers bodies it cannot use: wrong type, too large, not JSON, unknown or doubled fields. */
class ApiBodyTest {

    @Test
    void a_body_that_is_not_json_typed_is_415() {
        try (Api api = Api.start()) {
            api.send("POST", "/api/v1/auth/login", "username=a&password=b",
                    "Content-Type", "application/x-www-form-urlencoded").assertProblem(415);
            api.send("POST", "/api/v1/auth/login", "{}", "Content-Type", "text/plain").assertProblem(415);
        }
    }

    @Test
    void a_charset_parameter_or_a_json_suffix_type_is_accepted() {
        try (Api api = Api.start()) {
            api.app().createMember("alice", Role.MEMBER);
            String body = Api.json("username", "alice", "password", gatehouse.testing.TestApp.PASSWORD);
            assertEquals(200, api.send("POST", "/api/v1/auth/login", body,
                    "Content-Type", "application/json; charset=UTF-8").status());
            Api.Tokens tokens = api.login("alice", gatehouse.testing.TestApp.PASSWORD);
            var patched = api.send("PATCH", "/api/v1/me", Api.json("nickname", "Al"),
                    "Content-Type", "application/merge-patch+json", "Authorization", Api.bearer(tokens.access()));
            assertEquals(200, patched.status(), patched.body());
        }
    }

    @Test
    void a_body_over_64_kib_is_413_problem_json() {
        try (Api api = Api.start()) {
            String huge = Api.json("username", "x".repeat(70 * 1024), "password", "y");
            api.post("/api/v1/auth/login", huge).assertProblem(413);
        }
    }

    @Test
    void malformed_json_is_400_with_its_position_and_nothing_of_the_parser() {
        try (Api api = Api.start()) {
            var reply = api.post("/api/v1/auth/login", "{\"username\": \"alice\",\n \"password\": }").assertProblem(400);
            assertTrue(reply.text("detail").contains("line 2"), reply.body());
            assertFalse(reply.body().contains("jackson"), reply.body());
        }
    }

    @Test
    void an_empty_body_a_json_array_and_trailing_data_are_400() {
        try (Api api = Api.start()) {
            api.post("/api/v1/auth/login", "").assertProblem(400);
            api.post("/api/v1/auth/login", "[]").assertProblem(400);
            api.post("/api/v1/auth/login", "null").assertProblem(400);
            api.post("/api/v1/auth/login", "{\"username\":\"a\"} {\"x\":1}").assertProblem(400);
        }
    }

    @Test
    void an_unknown_field_is_400_naming_the_field() {
        try (Api api = Api.start()) {
            var reply = api.post("/api/v1/auth/login", Api.json("username", "a", "password", "b", "remember", true))
                    .assertProblem(400);
            assertEquals(java.util.List.of("remember"), reply.errorFields());
            assertTrue(reply.text("detail").contains("remember"), reply.body());
        }
    }

    @Test
    void a_wrong_type_is_400_naming_the_field_and_the_expected_type() {
        try (Api api = Api.start()) {
            var reply = api.post("/api/v1/auth/signup", Api.json("username", "alice", "privacyConsent", "maybe"))
                    .assertProblem(400);
            assertEquals(java.util.List.of("privacyConsent"), reply.errorFields());
            assertTrue(reply.json().path("errors").get(0).path("message").asText().contains("boolean"), reply.body());
            var nested = api.post("/api/v1/auth/login", "{\"username\": {\"a\": 1}, \"password\": \"x\"}").assertProblem(400);
            assertEquals(java.util.List.of("username"), nested.errorFields());
        }
    }

    @Test
    void a_field_given_twice_is_400_naming_it() {
        try (Api api = Api.start()) {
            var reply = api.post("/api/v1/auth/login", "{\"username\":\"a\",\"password\":\"b\",\"username\":\"c\"}")
                    .assertProblem(400);
            assertEquals(java.util.List.of("username"), reply.errorFields());
        }
    }

    @Test
    void problem_details_follow_the_accept_language() {
        try (Api api = Api.start()) {
            var reply = api.send("POST", "/api/v1/auth/login", "{}", "Content-Type", "text/plain", "Accept-Language", "ko-KR");
            reply.assertProblem(415);
            assertTrue(reply.text("detail").contains("본문"), reply.body());
        }
    }
}
