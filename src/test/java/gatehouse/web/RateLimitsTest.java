package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-client-IP limits on login, sign-up and refresh, for the pages and the API alike. */
class RateLimitsTest {
    private static final int BURST = 20;
    private static final int PER_MINUTE = 10;

    private static final String A = "203.0.113.7";
    private static final String B = "198.51.100.23";
    private static final String LOGIN_JSON = "{\"username\":\"nobody\",\"password\":\"wrong-password-here\"}";

    private static TestApp app(MutableClock clock) {
        // The test client connects from 127.0.0.1: as a trusted proxy its X-Forwarded-For names the client.
        return TestApp.builder().clock(clock).set("server.trusted-proxies", "127.0.0.1")
                .set("server.rate-limit-burst", Integer.toString(BURST))
                .set("server.rate-limit-per-minute", Integer.toString(PER_MINUTE)).start();
    }

    private static TestClient.Response apiLogin(TestClient client, String ip) {
        return client.json("POST", "/api/v1/auth/login", LOGIN_JSON, "X-Forwarded-For", ip);
    }

    @Test
    void the_api_answers_429_problem_json_with_retry_after_past_the_burst_and_other_ips_go_on() throws Exception {
        try (TestApp app = app(MutableClock.startingNow())) {
            TestClient client = app.client();
            for (int i = 0; i < BURST; i++) {
                assertEquals(401, apiLogin(client, A).status(), "attempt " + (i + 1));
            }
            TestClient.Response limited = apiLogin(client, A);
            assertEquals(429, limited.status(), limited.body());
            assertTrue(limited.header("Content-Type").orElseThrow().startsWith("application/problem+json"));
            assertEquals(429, new ObjectMapper().readTree(limited.body()).path("status").asInt());
            long retryAfter = Long.parseLong(limited.header("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertEquals(401, apiLogin(client, B).status(), "another address has its own bucket");
        }
    }

    @Test
    void the_login_page_answers_429_with_the_message_page_and_retry_after() {
        try (TestApp app = app(MutableClock.startingNow())) {
            TestClient browser = app.client();
            browser.get("/login", "X-Forwarded-For", A);
            Map<String, String> form = Map.of("username", "nobody", "password", "wrong-password-here");
            for (int i = 0; i < BURST; i++) {
                assertEquals(401, browser.postForm("/login", form, "X-Forwarded-For", A).status());
            }
            TestClient.Response limited = browser.postForm("/login", form, "X-Forwarded-For", A);
            assertEquals(429, limited.status());
            assertTrue(limited.header("Content-Type").orElseThrow().startsWith("text/html"));
            assertTrue(limited.body().contains("Too many attempts"), limited.body());
            assertTrue(limited.header("Retry-After").isPresent());
            // Looking at the form is not an attempt.
            assertEquals(200, browser.get("/login", "X-Forwarded-For", A).status());
        }
    }

    @Test
    void the_page_and_the_api_draw_on_one_budget_per_action() {
        try (TestApp app = app(MutableClock.startingNow())) {
            TestClient browser = app.client();
            browser.get("/login", "X-Forwarded-For", A);
            for (int i = 0; i < BURST / 2; i++) {
                browser.postForm("/login", Map.of("username", "nobody", "password", "x"), "X-Forwarded-For", A);
                apiLogin(browser, A);
            }
            assertEquals(429, apiLogin(browser, A).status());
            assertEquals(429, browser.postForm("/login", Map.of("username", "nobody", "password", "x"), "X-Forwarded-For", A).status());
            // Sign-up is another action with its own budget.
            assertNotEquals(429, browser.json("POST", "/api/v1/auth/signup", "{}", "X-Forwarded-For", A).status());
        }
    }

    @Test
    void the_budget_refills_with_time() {
        MutableClock clock = MutableClock.startingNow();
        try (TestApp app = app(clock)) {
            TestClient client = app.client();
            for (int i = 0; i < BURST; i++) {
                apiLogin(client, A);
            }
            assertEquals(429, apiLogin(client, A).status());
            clock.advance(Duration.ofMinutes(1));
            for (int i = 0; i < PER_MINUTE; i++) {
                assertEquals(401, apiLogin(client, A).status(), "refilled attempt " + (i + 1));
            }
            assertEquals(429, apiLogin(client, A).status());
        }
    }

    @Test
    void sign_up_and_refresh_are_limited_too() {
        try (TestApp app = app(MutableClock.startingNow())) {
            TestClient client = app.client();
            for (String path : new String[] {"/api/v1/auth/signup", "/api/v1/auth/refresh"}) {
                for (int i = 0; i < BURST; i++) {
                    assertNotEquals(429, client.json("POST", path, "{}", "X-Forwarded-For", A).status(), path);
                }
                assertEquals(429, client.json("POST", path, "{}", "X-Forwarded-For", A).status(), path);
            }
            TestClient browser = app.client();
            browser.get("/signup", "X-Forwarded-For", B);
            for (int i = 0; i < BURST; i++) {
                browser.postForm("/signup", Map.of("username", "x"), "X-Forwarded-For", B);
            }
            assertEquals(429, browser.postForm("/signup", Map.of("username", "x"), "X-Forwarded-For", B).status());
        }
    }

    @Test
    void an_untrusted_peer_cannot_pick_a_fresh_address_with_x_forwarded_for() {
        try (TestApp app = TestApp.builder().set("server.rate-limit-burst", Integer.toString(BURST)).start()) {
            TestClient client = app.client();
            for (int i = 0; i < BURST; i++) {
                apiLogin(client, "192.0.2." + i);
            }
            assertEquals(429, apiLogin(client, "192.0.2.200").status());
        }
    }

    @Test
    void ipv6_addresses_of_one_64_prefix_share_a_bucket() {
        assertEquals(RateLimits.key("2001:db8:1:2::1"), RateLimits.key("2001:db8:1:2:ffff::9"));
        assertNotEquals(RateLimits.key("2001:db8:1:2::1"), RateLimits.key("2001:db8:1:3::1"));
        assertEquals(RateLimits.key("[2001:db8:1:2::1]"), RateLimits.key("2001:db8:1:2::1"));
        assertEquals("203.0.113.7", RateLimits.key("203.0.113.7"));
    }

    @Test
    void a_trailing_slash_or_a_doubled_slash_draws_on_the_same_bucket() {
        try (TestApp app = app(MutableClock.startingNow())) {
            TestClient client = app.client();
            for (int i = 0; i < BURST; i++) {
                String path = i % 2 == 0 ? "/api/v1/auth/login/" : "/api/v1/auth/login";
                assertEquals(401, client.json("POST", path, LOGIN_JSON, "X-Forwarded-For", A).status(), path);
            }
            assertEquals(429, client.json("POST", "/api/v1/auth/login/", LOGIN_JSON, "X-Forwarded-For", A).status());
            assertEquals(429, apiLogin(client, A).status());
        }
    }
}
