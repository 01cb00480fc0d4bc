package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, readiness, request ids, error pages and the headers every response carries. */
class SystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private TestApp app;
    private TestClient client;

    @BeforeEach
    void start() {
        app = TestApp.h2();
        client = app.client();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static JsonNode json(TestClient.Response response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String requestId(TestClient.Response response) {
        String id = response.header(RequestIds.HEADER).orElseThrow(() -> new AssertionError("no X-Request-Id"));
        assertTrue(id.matches("[0-9a-f]{16}"), id);
        return id;
    }

    /** What must never reach a client: stack frames, exception names, SQL. */
    private static void assertNoInternals(String body) {
        for (String leak : new String[] {"Exception", "\tat ", "at gatehouse.", "at io.javalin", "org.h2", "jdbc", "SELECT ", "java."}) {
            assertFalse(body.contains(leak), "the client sees '" + leak + "':\n" + body);
        }
    }

    @Test
    void health_answers_200_with_a_json_status() throws Exception {
        TestClient.Response response = client.get("/health");

        assertEquals(200, response.status());
        assertTrue(response.header("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("UP", json(response).get("status").asText());
    }

    @Test
    void ready_answers_200_when_the_database_answers() throws Exception {
        TestClient.Response response = client.get("/ready");

        assertEquals(200, response.status());
        assertEquals("READY", json(response).get("status").asText());
    }

    @Test
    void ready_answers_503_with_a_short_json_reason_when_the_database_cannot_be_reached_while_health_stays_200()
            throws Exception {
        try (UnreachableDatabaseApp broken = UnreachableDatabaseApp.start(dataDir)) {
            TestClient browser = broken.client();
            assertEquals(200, browser.get("/ready").status(), "reachable at first");

            broken.cutOffDatabase();
            TestClient.Response ready = browser.get("/ready");
            TestClient.Response health = browser.get("/health");

            assertEquals(503, ready.status());
            assertTrue(ready.header("Content-Type").orElseThrow().startsWith("application/json"));
            JsonNode body = json(ready);
            assertEquals("NOT_READY", body.get("status").asText());
            assertEquals("database unreachable", body.get("reason").asText());
            assertTrue(ready.body().length() < 100, ready.body());
            assertNoInternals(ready.body());
            assertEquals(200, health.status(), "the process is alive; only readiness depends on the database");
        }
    }

    @Test
    void a_failure_inside_a_request_shows_the_message_page_with_the_request_id_and_logs_the_trace_under_it()
            throws Exception {
        try (UnreachableDatabaseApp broken = UnreachableDatabaseApp.start(dataDir)) {
            TestClient browser = broken.client();
            broken.cutOffDatabase();
            // A refresh cookie makes the auth handler go to the database, which now fails.
            browser.setCookie("refresh_token", "some-refresh-token");

            Logged logged = capturingStandardError(() -> browser.get("/login"));
            TestClient.Response response = logged.response();
            String log = logged.log();

            // A database outage is 503 (issue 10), no longer 500; the page and the log are as for any failure.
            assertEquals(503, response.status());
            assertTrue(response.header("Content-Type").orElseThrow().startsWith("text/html"));
            String id = requestId(response);
            assertTrue(response.body().contains("Temporarily unavailable"), response.body());
            assertTrue(response.body().contains(id), "the page shows the request id");
            assertNoInternals(response.body());
            assertTrue(log.contains(id) && log.contains("Exception"), "the log has the trace under the same id:\n" + log);
        }
    }

    @Test
    void an_unknown_page_is_a_404_message_page_carrying_the_request_id_of_its_header() {
        TestClient.Response response = client.get("/no/such/page");

        assertEquals(404, response.status());
        assertTrue(response.header("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(response.body().contains("<h1>Not found</h1>"), response.body());
        String id = requestId(response);
        assertTrue(response.body().contains("(Request id " + id + ")"), response.body());
        assertTrue(response.body().contains("<link rel=\"stylesheet\" href=\"/static/app.css\">"), "in the layout");
    }

    @Test
    void the_404_page_is_in_korean_for_a_korean_browser() {
        TestClient.Response response = client.get("/no/such/page", "Accept-Language", "ko-KR,ko;q=0.9,en;q=0.5");

        assertEquals(404, response.status());
        assertTrue(response.body().contains("lang=\"ko\""), response.body());
        assertFalse(response.body().contains("<h1>Not found</h1>"), response.body());
    }

    @Test
    void an_unknown_api_route_is_a_404_problem_document() throws Exception {
        TestClient.Response response = client.json("GET", "/api/v1/no-such-thing", null);

        assertEquals(404, response.status());
        assertEquals("application/problem+json", response.header("Content-Type").orElseThrow());
        JsonNode problem = json(response);
        assertEquals(404, problem.get("status").asInt());
        assertEquals("Not Found", problem.get("title").asText());
        assertEquals(requestId(response), problem.get("instance").asText());
    }

    @Test
    void every_request_gets_its_own_id() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(requestId(client.get("/health")));
        }
        assertEquals(20, ids.size());
    }

    @Test
    void pages_carry_the_security_headers_and_are_not_stored() {
        for (String path : new String[] {"/login", "/no/such/page", "/health"}) {
            TestClient.Response response = client.get(path);

            String csp = response.header("Content-Security-Policy").orElseThrow(() -> new AssertionError(path + ": no CSP"));
            assertTrue(csp.contains("default-src 'self'"), csp);
            assertTrue(csp.contains("script-src 'self'"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertEquals("nosniff", response.header("X-Content-Type-Options").orElse(null), path);
            assertTrue(response.header("Referrer-Policy").isPresent(), path);
            assertEquals("no-store", response.header("Cache-Control").orElse(null), path);
        }
    }

    @Test
    void the_stylesheet_is_served_from_the_jar_and_may_be_cached() {
        TestClient.Response response = client.get("/static/app.css");

        assertEquals(200, response.status());
        assertTrue(response.header("Content-Type").orElseThrow().startsWith("text/css"));
        assertTrue(response.body().contains(":root"), response.body());
        assertEquals("nosniff", response.header("X-Content-Type-Options").orElse(null));
        assertFalse("no-store".equals(response.header("Cache-Control").orElse(null)));
    }

    @Test
    void a_method_override_header_on_a_get_is_refused_with_400() {
        for (String header : new String[] {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"}) {
            TestClient.Response response = client.get("/login", header, "POST");

            assertEquals(400, response.status(), header);
            assertTrue(response.body().contains(requestId(response)), response.body());
            assertTrue(response.header("Content-Security-Policy").isPresent(), "the refusal page has the headers too");
        }
    }

    @Test
    void a_method_override_cannot_turn_a_get_into_the_logout_post() {
        TestClient.Response response = client.get("/logout", "X-HTTP-Method-Override", "POST");

        assertEquals(400, response.status());
    }

    /** A response and what was logged while it was made. */
    private record Logged(TestClient.Response response, String log) {}

    /** Runs {@code request} while collecting what is logged to standard error (slf4j-simple's target). */
    private static Logged capturingStandardError(Supplier<TestClient.Response> request) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        TestClient.Response response;
        try {
            response = request.get();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        return new Logged(response, log);
    }
}
