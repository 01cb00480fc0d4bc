package gatehouse.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.account.User;
import gatehouse.audit.AuditEvent;
import gatehouse.domain.Role;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An API logout with a refresh token that was rotated long ago is a detected reuse, not a plain logout. */
class LogoutReuseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode post(TestClient client, String path, String body, int expected) throws Exception {
        TestClient.Response response = client.json("POST", path, body);
        assertEquals(expected, response.status(), path + ": " + response.body());
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private static String refresh(String token) {
        return "{\"refreshToken\":\"" + token + "\"}";
    }

    @Test
    void logout_with_a_token_rotated_past_the_grace_period_revokes_the_family_audits_reuse_and_answers_401() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (TestApp app = TestApp.builder().clock(clock).start()) {
            User alice = app.createMember("alice", Role.MEMBER);
            TestClient client = app.client();
            String first = post(client, "/api/v1/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + TestApp.PASSWORD + "\"}", 200).path("refreshToken").asText();
            String second = post(client, "/api/v1/auth/refresh", refresh(first), 200).path("refreshToken").asText();
            clock.advance(Duration.ofMinutes(1));

            post(client, "/api/v1/auth/logout", refresh(first), 401);

            post(client, "/api/v1/auth/refresh", refresh(second), 401);
            var audit = app.services().auditDao();
            assertEquals(1, audit.countMatching(alice.id(), null, AuditEvent.REFRESH_REUSE));
            assertEquals(0, audit.countMatching(alice.id(), null, AuditEvent.LOGOUT));
        }
    }
}
