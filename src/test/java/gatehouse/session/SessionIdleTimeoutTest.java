package gatehouse.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.domain.Role;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** auth.session-idle-timeout: a session unused for longer is refused at refresh, within its absolute life. */
class SessionIdleTimeoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestClient.Response refresh(TestClient client, String token) {
        return client.json("POST", "/api/v1/auth/refresh", "{\"refreshToken\":\"" + token + "\"}");
    }

    @Test
    void a_session_used_every_six_days_lives_on_and_one_left_for_eight_is_refused() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (TestApp app = TestApp.builder().clock(clock).set("auth.refresh-token-ttl", "P30D").start()) {
            app.createMember("alice", Role.MEMBER);
            TestClient client = app.client();
            String token = JSON.readTree(client.json("POST", "/api/v1/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + TestApp.PASSWORD + "\"}").body()).path("refreshToken").asText();
            for (int i = 0; i < 2; i++) {
                clock.advance(Duration.ofDays(6));
                TestClient.Response used = refresh(client, token);
                assertEquals(200, used.status(), "used after six idle days: " + used.body());
                token = JSON.readTree(used.body()).path("refreshToken").asText();
            }

            clock.advance(Duration.ofDays(8));

            assertEquals(401, refresh(client, token).status(), "eight idle days, past the default P7D");
        }
    }
}
