package gatehouse.api;

import static gatehouse.testing.TestApp.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gatehouse.testing.TestClient;
import gatehouse.account.User;
import gatehouse.testing.MutableClock;
import gatehouse.domain.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The API's login with a second factor: a challenge instead of tokens, then the code; amr in the tokens. */
class ApiSecondFactorTest {

    private static JsonNode claims(String jwt) throws Exception {
        return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void a_member_with_a_second_factor_gets_a_challenge_then_tokens_that_say_otp_and_keep_saying_it() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-03-01T09:00:05Z"));
        try (Api api = Api.start(b -> b.clock(clock))) {
            User member = api.app().createMember("twofa", Role.MEMBER);
            api.app().enrolSecondFactor(member);
            clock.advance(Duration.ofSeconds(30));

            TestClient.Response first = api.post("/api/v1/auth/login", Api.json("username", "twofa", "password", PASSWORD));
            assertEquals(200, first.status(), first.body());
            assertTrue(first.json().path("secondFactorRequired").asBoolean());
            assertEquals(300, first.json().path("expiresIn").asInt());
            assertNull(first.text("accessToken"), "no tokens before the second factor");
            String challenge = first.text("challenge");

            api.post("/api/v1/auth/login/second-factor", Api.json("challenge", challenge, "code", "000000"))
                    .assertProblem(401);
            api.post("/api/v1/auth/login/second-factor", Api.json("challenge", "made-up", "code", "000000"))
                    .assertProblem(401);
            api.post("/api/v1/auth/login/second-factor", Api.json("code", "000000")).assertProblem(422);

            TestClient.Response done = api.post("/api/v1/auth/login/second-factor",
                    Api.json("challenge", challenge, "code", api.app().secondFactorCode("twofa")));
            assertEquals(200, done.status(), done.body());
            assertEquals("[\"pwd\",\"otp\"]", claims(done.text("accessToken")).get("amr").toString());
            api.post("/api/v1/auth/login/second-factor",
                    Api.json("challenge", challenge, "code", api.app().secondFactorCode("twofa"))).assertProblem(401);

            TestClient.Response refreshed = api.post("/api/v1/auth/refresh", Api.json("refreshToken", done.text("refreshToken")));
            assertEquals(200, refreshed.status(), refreshed.body());
            assertEquals("[\"pwd\",\"otp\"]", claims(refreshed.text("accessToken")).get("amr").toString(),
                    "the session remembers how it was opened");
        }
    }

    @Test
    void a_password_login_says_pwd_and_an_administrator_without_a_second_factor_is_refused_the_admin_api() throws Exception {
        try (Api api = Api.start()) {
            api.app().createAdminWithoutSecondFactor("plainboss");
            Api.Tokens tokens = api.login("plainboss", PASSWORD);
            assertEquals("[\"pwd\"]", claims(tokens.access()).get("amr").toString());
            TestClient.Response refused = api.get("/api/v1/admin/users", tokens.access()).assertProblem(403);
            assertTrue(refused.json().path("detail").asText().contains("second factor"), refused.body());
            assertEquals(200, api.get("/api/v1/me", tokens.access()).status(), "member routes still work");

            Api.Tokens admin = api.member("realboss", Role.ADMIN);
            assertEquals(200, api.get("/api/v1/admin/users", admin.access()).status());
        }
    }
}
