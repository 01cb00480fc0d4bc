package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.domain.Role;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;

/**
 * What the hot requests cost in database statements, counted at the Jdbi the running app uses: an
 * authenticated read within the 2-second freshness bound needs no query for the member or the session,
 * a refresh is one read, one conditional update and one insert, and passive routes never rotate.
 */
class QueriesPerRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every statement the app runs, as SQL text. */
    private static List<String> counting(TestApp app) {
        List<String> statements = new CopyOnWriteArrayList<>();
        app.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.add(context.getRenderedSql());
            }
        });
        return statements;
    }

    private static JsonNode apiLogin(TestClient client, String username) throws Exception {
        var response = client.json("POST", "/api/v1/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + TestApp.PASSWORD + "\"}");
        assertEquals(200, response.status(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void a_repeated_api_me_call_reads_nothing_from_the_database() throws Exception {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient client = app.client();
            String bearer = "Bearer " + apiLogin(client, "alice").get("accessToken").asText();
            assertEquals(200, client.get("/api/v1/me", "Authorization", bearer).status());
            List<String> statements = counting(app);

            var again = client.get("/api/v1/me", "Authorization", bearer);

            assertEquals(200, again.status());
            assertEquals(List.of(), statements, "member and session state are within their 2 s freshness");
        }
    }

    @Test
    void a_repeated_member_page_reads_nothing_from_the_database() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");
            assertEquals(200, browser.get("/me").status());
            List<String> statements = counting(app);

            assertEquals(200, browser.get("/me").status());

            assertEquals(List.of(), statements, "member, session state and session list are within their 2 s freshness");
        }
    }

    @Test
    void a_refresh_is_one_read_one_conditional_update_and_one_insert() throws Exception {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient client = app.client();
            String refresh = apiLogin(client, "alice").get("refreshToken").asText();
            var first = client.json("POST", "/api/v1/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}");
            assertEquals(200, first.status(), first.body());
            List<String> statements = counting(app);

            var second = client.json("POST", "/api/v1/auth/refresh",
                    "{\"refreshToken\":\"" + JSON.readTree(first.body()).get("refreshToken").asText() + "\"}");

            assertEquals(200, second.status(), second.body());
            assertEquals(3, statements.size(), "read the token's session, rotate it, record the new hash: " + statements);
            assertEquals(List.of("SELECT", "UPDATE", "INSERT"),
                    statements.stream().map(sql -> sql.strip().split("\\s+")[0]).toList());
        }
    }

    @Test
    void passive_routes_do_not_rotate_a_stale_refresh_cookie() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestApp app = TestApp.builder().clock(clock).set("auth.access-token-ttl", "PT2S").start()) {
            app.createMember("alice", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");
            clock.advance(Duration.ofSeconds(30));
            List<String> statements = counting(app);

            for (String path : List.of("/favicon.ico", "/health", "/.well-known/jwks.json", "/static/app.css")) {
                var response = browser.get(path);
                assertFalse(response.setCookie("refresh_token").isPresent(), path + " rotated the refresh token");
                assertFalse(response.setCookie("access_token").isPresent(), path + " renewed the access token");
            }
            assertEquals(List.of(), statements);
            assertEquals(200, browser.get("/me").status(), "a page still renews silently");
        }
    }
}
