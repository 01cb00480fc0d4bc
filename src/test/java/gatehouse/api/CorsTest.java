package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.domain.Role;
import org.junit.jupiter.api.Test;

/** CORS: off by default; {@code server.cors-origins} lets the listed origins call {@code /api/} only. */
class CorsTest {
    private static final String ALLOWED = "https://app.example.com";
    private static final String OTHER = "https://evil.example.net";

    private static Api withOrigins() {
        return Api.start(b -> b.set("server.cors-origins", ALLOWED + ", http://localhost:5173"));
    }

    @Test
    void without_configuration_no_origin_is_allowed() {
        try (Api api = Api.start()) {
            var reply = api.send("GET", "/api/openapi.json", null, "Origin", ALLOWED);
            assertEquals(200, reply.status());
            assertTrue(reply.header("Access-Control-Allow-Origin").isEmpty());
            var preflight = api.send("OPTIONS", "/api/v1/auth/login", null, "Origin", ALLOWED,
                    "Access-Control-Request-Method", "POST");
            assertTrue(preflight.header("Access-Control-Allow-Origin").isEmpty());
            assertTrue(preflight.header("Access-Control-Allow-Methods").isEmpty());
        }
    }

    @Test
    void a_listed_origin_gets_its_own_origin_back_and_never_a_wildcard_or_credentials() {
        try (Api api = withOrigins()) {
            Api.Tokens tokens = api.member("alice", Role.MEMBER);
            var reply = api.send("GET", "/api/v1/me", null, "Origin", ALLOWED, "Authorization", Api.bearer(tokens.access()));
            assertEquals(200, reply.status());
            assertEquals(ALLOWED, reply.header("Access-Control-Allow-Origin").orElseThrow());
            assertTrue(reply.header("Vary").orElse("").contains("Origin"));
            assertTrue(reply.header("Access-Control-Allow-Credentials").isEmpty());
            assertTrue(reply.header("Access-Control-Expose-Headers").orElse("").contains("X-Request-Id"));
        }
    }

    @Test
    void a_preflight_from_a_listed_origin_is_answered_with_the_allowed_methods_and_headers() {
        try (Api api = withOrigins()) {
            var preflight = api.send("OPTIONS", "/api/v1/me", null, "Origin", "http://localhost:5173",
                    "Access-Control-Request-Method", "PATCH", "Access-Control-Request-Headers", "authorization, content-type");
            assertEquals(204, preflight.status(), preflight.body());
            assertEquals("http://localhost:5173", preflight.header("Access-Control-Allow-Origin").orElseThrow());
            assertTrue(preflight.header("Access-Control-Allow-Methods").orElseThrow().contains("PATCH"));
            assertTrue(preflight.header("Access-Control-Allow-Headers").orElseThrow().contains("Authorization"));
            assertTrue(preflight.header("Access-Control-Max-Age").isPresent());
            assertTrue(preflight.header("Access-Control-Allow-Credentials").isEmpty());
        }
    }

    @Test
    void an_unlisted_origin_gets_no_allow_headers_and_its_preflight_is_refused() {
        try (Api api = withOrigins()) {
            var reply = api.send("GET", "/api/openapi.json", null, "Origin", OTHER);
            assertEquals(200, reply.status());
            assertTrue(reply.header("Access-Control-Allow-Origin").isEmpty());
            var preflight = api.send("OPTIONS", "/api/v1/auth/login", null, "Origin", OTHER,
                    "Access-Control-Request-Method", "POST");
            preflight.assertProblem(403);
            assertTrue(preflight.header("Access-Control-Allow-Origin").isEmpty());
            assertTrue(preflight.header("Access-Control-Allow-Methods").isEmpty());
            // A look-alike that merely starts with a listed origin is another origin.
            var lookAlike = api.send("GET", "/api/openapi.json", null, "Origin", ALLOWED + ".evil.net");
            assertTrue(lookAlike.header("Access-Control-Allow-Origin").isEmpty());
        }
    }

    @Test
    void pages_never_get_cors_headers_even_for_a_listed_origin() {
        try (Api api = withOrigins()) {
            var page = api.send("GET", "/login", null, "Origin", ALLOWED);
            assertEquals(200, page.status());
            assertFalse(page.header("Access-Control-Allow-Origin").isPresent());
            var preflight = api.send("OPTIONS", "/login", null, "Origin", ALLOWED, "Access-Control-Request-Method", "POST");
            assertFalse(preflight.header("Access-Control-Allow-Origin").isPresent());
            assertFalse(preflight.status() == 204, "a page preflight must not succeed");
        }
    }
}
