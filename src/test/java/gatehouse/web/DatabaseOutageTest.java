package gatehouse.web;

import static gatehouse.testing.TestApp.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.testing.TestClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While the database cannot be reached, every route that needs it answers 503, page or problem+json, never 500. */
class DatabaseOutageTest {
    @TempDir
    Path dataDir;

    @Test
    void login_sign_up_the_api_and_a_silent_refresh_answer_503_while_the_database_is_down() throws Exception {
        try (UnreachableDatabaseApp broken = UnreachableDatabaseApp.start(dataDir)) {
            TestClient browser = broken.client();
            browser.get("/login");
            broken.cutOffDatabase();

            TestClient.Response login = browser.postForm("/login", Map.of("username", "alice", "password", "any-password-at-all"));
            assertEquals(503, login.status());
            assertTrue(login.header("Content-Type").orElseThrow().startsWith("text/html"));
            assertTrue(login.body().contains("Temporarily unavailable"), login.body());
            assertTrue(login.header("Retry-After").isPresent());

            TestClient.Response signup = browser.postForm("/signup", Map.of("username", "alice",
                    "password", PASSWORD, "passwordConfirm", PASSWORD,
                    "name", "Alice", "nickname", "alice", "gender", "UNDISCLOSED"));
            assertEquals(503, signup.status());

            TestClient.Response api = browser.json("POST", "/api/v1/auth/login", "{\"username\":\"alice\",\"password\":\"x\"}");
            assertEquals(503, api.status());
            assertTrue(api.header("Content-Type").orElseThrow().startsWith("application/problem+json"), api.body());

            browser.setCookie("refresh_token", "some-refresh-token");
            assertEquals(503, browser.get("/me").status());
        }
    }
}
