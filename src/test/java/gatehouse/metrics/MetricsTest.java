package gatehouse.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.domain.Role;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus text with the security counters, requests, sessions, pool and JVM; 404 to others. */
class MetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The value of the sample whose name and labels are exactly {@code series}, or -1 when absent. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static String refreshToken(TestClient.Response response) throws Exception {
        return JSON.readTree(response.body()).get("refreshToken").asText();
    }

    @Test
    void a_scrape_after_sign_up_logins_and_refreshes_counts_each_by_name() throws Exception {
        try (TestApp app = TestApp.h2()) {
            TestClient browser = app.client();
            browser.get("/signup");
            TestClient.Response signup = browser.postForm("/signup", Map.of("username", "alice", "password", TestApp.PASSWORD,
                    "passwordConfirm", TestApp.PASSWORD, "name", "Alice", "nickname", "al", "consent", "on"));
            assertEquals(303, signup.status(), signup.body());
            assertEquals(401, app.client().logIn("alice", "wrong-password-entirely").status());
            assertEquals(303, app.client().logIn("alice", TestApp.PASSWORD).status());
            TestClient api = app.client();
            String first = refreshToken(api.json("POST", "/api/v1/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + TestApp.PASSWORD + "\"}"));
            String second = refreshToken(api.json("POST", "/api/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}"));
            api.json("POST", "/api/v1/auth/refresh", "{\"refreshToken\":\"" + second + "\"}");
            // Two rotations back: a reuse, which ends the session.
            assertEquals(401, api.json("POST", "/api/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}").status());

            TestClient.Response scrape = app.client().get("/metrics");

            assertEquals(200, scrape.status());
            assertTrue(scrape.header("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), scrape.headers().toString());
            String metrics = scrape.body();
            assertEquals(1.0, value(metrics, "gatehouse_signups_total"), metrics);
            assertEquals(2.0, value(metrics, "gatehouse_logins_total{outcome=\"success\"}"), "page and API logins");
            assertEquals(1.0, value(metrics, "gatehouse_logins_total{outcome=\"failure\"}"));
            assertEquals(0.0, value(metrics, "gatehouse_logins_total{outcome=\"second_factor_failure\"}"));
            assertEquals(2.0, value(metrics, "gatehouse_refreshes_total"));
            assertEquals(1.0, value(metrics, "gatehouse_refresh_reuse_total"));
            assertEquals(0.0, value(metrics, "gatehouse_account_locks_total"));
            assertEquals(1.0, value(metrics, "gatehouse_audit_events_total{type=\"SIGNUP\"}"));
            assertEquals(1.0, value(metrics, "gatehouse_sessions_active"), "the page login's session; the API one was ended");
            assertEquals(1.0, value(metrics,
                    "gatehouse_http_requests_seconds_count{method=\"POST\",route=\"/signup\",status=\"303\"}"), metrics);
            assertEquals(1.0, value(metrics,
                    "gatehouse_http_requests_seconds_count{method=\"POST\",route=\"/login\",status=\"401\"}"));
            assertTrue(metrics.contains("route=\"/api/v1/auth/refresh\""), "by route template");
            for (String family : List.of("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
                    "hikaricp_connections_active", "hikaricp_connections_max", "process_uptime_seconds")) {
                assertTrue(metrics.contains(family), family);
            }
        }
    }

    @Test
    void routes_with_ids_are_counted_by_template_and_unknown_paths_under_one_name() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("boss", Role.ADMIN);
            TestClient admin = app.loggedIn("boss");
            admin.get("/admin/users/" + java.util.UUID.randomUUID() + "/delete");
            app.client().get("/no/such/page/" + java.util.UUID.randomUUID());

            String metrics = app.client().get("/metrics").body();

            assertTrue(metrics.contains("route=\"/admin/users/{id}/delete\""), metrics);
            assertTrue(metrics.contains("route=\"unmatched\",status=\"404\""), metrics);
            assertFalse(metrics.contains("/no/such/page"), "raw paths would make a series per request");
        }
    }

    @Test
    void the_metrics_are_a_404_to_any_address_not_allowed_and_are_not_rate_limited() {
        try (TestApp app = TestApp.builder().set("server.trusted-proxies", "127.0.0.1")
                .set("server.rate-limit-burst", "1").set("server.rate-limit-per-minute", "1").start()) {
            TestClient client = app.client();
            TestClient.Response outsider = client.get("/metrics", "X-Forwarded-For", "203.0.113.9");
            assertEquals(404, outsider.status());
            assertFalse(outsider.body().contains("jvm_"), outsider.body());
            for (int i = 0; i < 5; i++) {
                assertEquals(200, client.get("/metrics").status(), "scrape " + i);
            }
        }
        try (TestApp app = TestApp.builder().set("server.trusted-proxies", "127.0.0.1")
                .set("server.metrics-allow", "203.0.113.0/24").start()) {
            assertEquals(200, app.client().get("/metrics", "X-Forwarded-For", "203.0.113.9").status());
            assertEquals(404, app.client().get("/metrics", "X-Forwarded-For", "198.51.100.1").status());
            assertEquals(404, app.client().get("/metrics").status(), "loopback is not allowed when not listed");
        }
        try (TestApp app = TestApp.builder().set("server.metrics-allow", "").start()) {
            assertEquals(404, app.client().get("/metrics").status(), "empty: nobody");
        }
    }

    @Test
    void address_lists_match_single_addresses_and_cidr_blocks_of_both_families() {
        AddressList list = AddressList.parse(List.of("127.0.0.1", "::1", "10.0.0.0/8", "2001:db8::/32"));

        assertTrue(list.allows("127.0.0.1"));
        assertTrue(list.allows("0:0:0:0:0:0:0:1"));
        assertTrue(list.allows("[::1]"));
        assertTrue(list.allows("10.200.3.4"));
        assertTrue(list.allows("2001:db8:1::5"));
        assertFalse(list.allows("11.0.0.1"));
        assertFalse(list.allows("127.0.0.2"));
        assertFalse(list.allows("2001:db9::1"));
        assertFalse(list.allows("localhost"), "names are never looked up");
        assertFalse(list.allows(null));
    }

    @Test
    void a_metrics_allow_entry_that_is_not_an_address_stops_the_start_with_one_line() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(gatehouse.config.ConfigException.class,
                () -> gatehouse.config.ConfigLoader.load(Map.of("server.metrics-allow", "127.0.0.1,prometheus.local"), Map.of()));

        assertEquals("config server.metrics-allow=127.0.0.1,prometheus.local: not an IP address or CIDR block: prometheus.local",
                e.getMessage());
        assertEquals(List.of("127.0.0.1", "::1"), gatehouse.config.ConfigLoader.load(Map.of(), Map.of()).server().metricsAllow(),
                "loopback by default");
    }
}
