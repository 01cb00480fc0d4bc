package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import gatehouse.token.Amr;
import gatehouse.config.SigningAlgorithm;
import gatehouse.testing.MutableClock;
import gatehouse.token.AccessTokens;
import gatehouse.token.SigningKey;
import gatehouse.token.SigningKeys;
import gatehouse.domain.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Authentication and roles on every {@code /api/v1} route, taken from the router itself so that a new
 * route is checked without anyone remembering to: no token, an expired one, forged ones, a browser's
 * cookies, and a member on an administrator's route.
 */
class ApiAccessTest {

    @Test
    void every_api_route_declares_the_role_its_prefix_promises() {
        try (Api api = Api.start()) {
            List<ApiRoutes.Route> routes = ApiRoutes.of(api.app().javalin());
            assertTrue(routes.size() >= 13, routes.toString());
            for (ApiRoutes.Route route : routes) {
                Role expected = route.path().startsWith("/api/v1/auth/") ? Role.ANONYMOUS
                        : route.path().startsWith("/api/v1/admin/") ? Role.ADMIN
                        : Role.MEMBER;
                assertEquals(expected, route.role(), route.toString());
            }
        }
    }

    @Test
    void every_protected_route_answers_401_with_a_bearer_challenge_without_a_token() {
        try (Api api = Api.start()) {
            for (ApiRoutes.Route route : protectedRoutes(api)) {
                var reply = api.send(route.method().toUpperCase(), route.with(UUID.randomUUID().toString()), "{}");
                reply.assertProblem(401);
                assertEquals("Bearer error=\"invalid_token\"", reply.header("WWW-Authenticate").orElseThrow(), route.toString());
                var notBearer = api.send(route.method().toUpperCase(), route.with(UUID.randomUUID().toString()), "{}",
                        "Authorization", "Basic YWxpY2U6c2VjcmV0");
                notBearer.assertProblem(401);
            }
        }
    }

    @Test
    void an_expired_access_token_is_refused_on_every_protected_route() {
        MutableClock clock = MutableClock.startingNow();
        try (Api api = Api.start(b -> b.clock(clock).set("auth.access-token-ttl", "PT30S"))) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            assertEquals(200, api.get("/api/v1/me", admin.access()).status());
            clock.advance(Duration.ofSeconds(40));
            for (ApiRoutes.Route route : protectedRoutes(api)) {
                var reply = api.call(route.method().toUpperCase(), route.with(UUID.randomUUID().toString()), "{}", admin.access());
                reply.assertProblem(401);
                assertTrue(reply.header("WWW-Authenticate").isPresent(), route.toString());
            }
            // The refresh token still works: a new access token opens the API again.
            var renewed = api.post("/api/v1/auth/refresh", Api.json("refreshToken", admin.refresh()));
            assertEquals(200, api.get("/api/v1/me", renewed.text("accessToken")).status());
        }
    }

    @Test
    void forged_access_tokens_are_refused_on_every_protected_route() {
        try (Api api = Api.start()) {
            Api.Tokens member = api.member("mallory", Role.MEMBER);
            var user = api.app().users().findByUsername("mallory").orElseThrow();
            UUID session = UUID.fromString(JWT.decode(member.access()).getClaim("sid").asString());

            // A payload that claims ADMIN, under the genuine signature.
            String[] parts = member.access().split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"role\":\"MEMBER\"", "\"role\":\"ADMIN\"");
            String promoted = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
            // Signed with another key that claims the real key's id.
            String realKid = JWT.decode(member.access()).getKeyId();
            SigningKey other = SigningKey.generate("RSA");
            var impostor = new AccessTokens(SigningKeys.of(SigningAlgorithm.RS256,
                    List.of(new SigningKey(realKid, other.privateKey(), other.publicKey()))), api.app().config().auth(),
                    api.app().clock());
            String otherKey = impostor.issue(user.id(), "mallory", Role.ADMIN, session, Amr.PASSWORD_AND_OTP);
            // No signature at all.
            String unsigned = JWT.create().withIssuer("gatehouse").withAudience("gatehouse").withSubject(user.id().toString())
                    .withClaim("sid", session.toString()).withClaim("typ", "access").withClaim("username", "mallory")
                    .withClaim("role", "ADMIN").withIssuedAt(java.time.Instant.now())
                    .withExpiresAt(java.time.Instant.now().plusSeconds(600)).withJWTId("x").sign(Algorithm.none());

            for (String forged : List.of(promoted, otherKey, unsigned, "not.a.jwt", member.access() + "x")) {
                for (ApiRoutes.Route route : protectedRoutes(api)) {
                    var reply = api.call(route.method().toUpperCase(), route.with(UUID.randomUUID().toString()), "{}", forged);
                    reply.assertProblem(401);
                }
            }
            assertEquals(200, api.get("/api/v1/me", member.access()).status(), "the genuine token still works");
        }
    }

    @Test
    void a_browser_session_cookie_does_not_authenticate_the_api() {
        try (Api api = Api.start()) {
            api.app().createMember("alice", Role.MEMBER);
            var browser = api.app().loggedIn("alice");
            assertTrue(browser.cookie("access_token").isPresent());
            var reply = api.record("GET /api/v1/me with cookies", browser.get("/api/v1/me"));
            assertEquals(401, reply.status(), reply.body());
            assertTrue(reply.header("Content-Type").orElse("").startsWith("application/problem+json"));
        }
    }

    @Test
    void a_member_gets_403_on_every_administrator_route() {
        try (Api api = Api.start()) {
            api.app().createMember("root", Role.ADMIN);
            Api.Tokens member = api.member("alice", Role.MEMBER);
            String target = api.app().users().findByUsername("root").orElseThrow().id().toString();
            List<ApiRoutes.Route> adminRoutes = ApiRoutes.of(api.app().javalin()).stream()
                    .filter(r -> r.role() == Role.ADMIN).toList();
            assertFalse(adminRoutes.isEmpty());
            for (ApiRoutes.Route route : adminRoutes) {
                api.call(route.method().toUpperCase(), route.with(target), Api.json("role", "MEMBER"), member.access())
                        .assertProblem(403);
            }
            assertEquals(Role.ADMIN, api.app().users().findByUsername("root").orElseThrow().role());
        }
    }

    @Test
    void a_revoked_session_or_a_deleted_member_loses_access_at_once() {
        try (Api api = Api.start()) {
            Api.Tokens alice = api.member("alice", Role.MEMBER);
            assertEquals(204, api.post("/api/v1/auth/logout", Api.json("refreshToken", alice.refresh())).status());
            api.get("/api/v1/me", alice.access()).assertProblem(401);
            Api.Tokens bob = api.member("bobby", Role.MEMBER);
            api.app().users().delete(api.app().users().findByUsername("bobby").orElseThrow().id());
            // Deleted behind the app's back: at most SessionValidityCache.CACHE_FOR later the token is refused.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int status;
            do {
                status = api.get("/api/v1/me", bob.access()).status();
            } while (status == 200 && System.nanoTime() < deadline);
            assertEquals(401, status);
        }
    }

    private static List<ApiRoutes.Route> protectedRoutes(Api api) {
        List<ApiRoutes.Route> routes = ApiRoutes.of(api.app().javalin()).stream()
                .filter(r -> r.role() != Role.ANONYMOUS).toList();
        assertTrue(routes.size() >= 9, routes.toString());
        return routes;
    }

}
