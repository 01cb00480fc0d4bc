package gatehouse.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.audit.AuditEvent;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The original's silent re-issue, through the pages: with a 2-second access token and the clock moved on,
 * a member keeps browsing; old refresh cookies are served only as the immediate predecessor within the
 * grace, and any later reuse ends the session for everyone holding it.
 */
class SilentRefreshTest {
    private static final String LOGIN_FOR_ME = "/login?next=%2Fme";

    private static TestApp start(String database, MutableClock clock) {
        return TestApp.builder().database(database).clock(clock).set("auth.access-token-ttl", "PT2S").start();
    }

    /** A browser that holds exactly these two cookies. */
    private static TestClient browserWith(TestApp app, String access, String refresh) {
        TestClient client = app.client();
        if (access != null) {
            client.setCookie("access_token", access);
        }
        client.setCookie("refresh_token", refresh);
        return client;
    }

    private static String cookieValue(TestClient.Response response, String name) {
        String header = response.setCookie(name).orElseThrow(() -> new AssertionError("no new " + name));
        return header.substring(name.length() + 1, header.indexOf(';'));
    }

    private static SessionRows sessions(TestApp app) {
        return app.sessionRows();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void an_expired_access_token_is_silently_renewed_from_the_refresh_cookie(String database) {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestApp app = start(database, clock)) {
            app.createMember("alice", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");
            String oldAccess = browser.cookie("access_token").orElseThrow();
            String oldRefresh = browser.cookie("refresh_token").orElseThrow();
            clock.advance(Duration.ofSeconds(10));
            // A browser may still send the expired cookie or may already have dropped it (Max-Age=2): both renew.
            TestClient stale = browserWith(app, oldAccess, oldRefresh);

            TestClient.Response me = stale.get("/me");

            assertEquals(200, me.status());
            String newAccess = cookieValue(me, "access_token");
            String newRefresh = cookieValue(me, "refresh_token");
            assertNotEquals(oldAccess, newAccess);
            assertNotEquals(oldRefresh, newRefresh);
            LoginSession session = sessions(app).findByTokenHash(RefreshTokens.hash(oldRefresh)).orElseThrow();
            assertEquals(RefreshTokens.hash(oldRefresh), session.previousHash(), "the old token is now the predecessor");
            assertEquals(RefreshTokens.hash(newRefresh), session.currentHash());
            assertEquals(clock.instant(), session.lastUsedAt());

            TestClient.Response next = stale.get("/me");
            assertEquals(200, next.status());
            assertFalse(next.setCookie("refresh_token").isPresent(), "a fresh access token needs no refresh");

            TestClient dropped = browserWith(app, null, newRefresh);
            clock.advance(Duration.ofSeconds(10));
            assertEquals(200, dropped.get("/me").status(), "a browser that dropped the access cookie renews too");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_predecessor_within_the_grace_is_served_without_a_new_refresh_cookie(String database) {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestApp app = start(database, clock)) {
            app.createMember("alice", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");
            String oldRefresh = browser.cookie("refresh_token").orElseThrow();
            clock.advance(Duration.ofSeconds(10));
            String successor = cookieValue(browserWith(app, null, oldRefresh).get("/me"), "refresh_token");
            clock.advance(Duration.ofSeconds(5));

            TestClient.Response parallel = browserWith(app, null, oldRefresh).get("/me");

            assertEquals(200, parallel.status());
            assertTrue(parallel.setCookie("access_token").isPresent());
            assertFalse(parallel.setCookie("refresh_token").isPresent(), "the browser keeps the successor it got");
            LoginSession session = sessions(app).findByTokenHash(RefreshTokens.hash(oldRefresh)).orElseThrow();
            assertEquals(RefreshTokens.hash(successor), session.currentHash());
            assertEquals(200, browserWith(app, null, successor).get("/me").status());
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_rotated_token_replayed_after_the_grace_ends_the_session_of_its_successor_too(String database) {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestApp app = start(database, clock)) {
            UUID alice = app.createMember("alice", Role.MEMBER).id();
            TestClient victim = app.loggedIn("alice");
            String stolen = victim.cookie("refresh_token").orElseThrow();
            clock.advance(Duration.ofSeconds(10));
            TestClient.Response renewed = victim.get("/me");
            assertEquals(200, renewed.status());
            String successor = cookieValue(renewed, "refresh_token");
            String successorAccess = cookieValue(renewed, "access_token");
            clock.advance(Duration.ofSeconds(11));

            TestClient.Response replay = browserWith(app, null, stolen).get("/me");

            assertEquals(303, replay.status());
            assertEquals(LOGIN_FOR_ME, replay.location());
            assertTrue(replay.setCookie("refresh_token").orElseThrow().contains("Max-Age=0"), "the replayed cookie is cleared: " + replay.headers("Set-Cookie"));
            TestClient.Response victimNext = browserWith(app, successorAccess, successor).get("/me");
            assertEquals(303, victimNext.status(), "the successor is dead too");
            assertEquals(LOGIN_FOR_ME, victimNext.location());
            LoginSession session = sessions(app).findByTokenHash(RefreshTokens.hash(stolen)).orElseThrow();
            assertNotNull(session.revokedAt());
            assertEquals(1, app.services().auditDao().countMatching(alice, null, AuditEvent.REFRESH_REUSE));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void twenty_parallel_page_loads_with_one_expired_token_rotate_it_once(String database) throws Exception {
        int loads = 20;
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestApp app = start(database, clock)) {
            app.createMember("alice", Role.MEMBER);
            // The login's own cookies, with no page loaded after it: the access cookie's Max-Age (2 s) runs in
            // real time, and on a busy machine a page loaded later renewed the token (a chain one step longer).
            TestClient browser = app.client();
            browser.get("/login");
            TestClient.Response login = browser.postForm("/login", Map.of("username", "alice", "password", TestApp.PASSWORD));
            String access = cookieValue(login, "access_token");
            String refresh = cookieValue(login, "refresh_token");
            clock.advance(Duration.ofSeconds(10));
            List<TestClient> tabs = new ArrayList<>();
            for (int i = 0; i < loads; i++) {
                tabs.add(browserWith(app, access, refresh));
            }
            ExecutorService pool = Executors.newFixedThreadPool(loads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TestClient.Response>> results = new ArrayList<>();
            try {
                for (TestClient tab : tabs) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return tab.get("/me");
                    }));
                }
                go.countDown();
                int newRefreshCookies = 0;
                for (Future<TestClient.Response> result : results) {
                    TestClient.Response response = result.get();
                    assertEquals(200, response.status(), "every tab is served");
                    assertTrue(response.setCookie("access_token").isPresent());
                    if (response.setCookie("refresh_token").isPresent()) {
                        newRefreshCookies++;
                    }
                }
                assertEquals(1, newRefreshCookies, "one rotation, the others within the grace");
            } finally {
                pool.shutdownNow();
            }
            LoginSession session = sessions(app).findByTokenHash(RefreshTokens.hash(refresh)).orElseThrow();
            assertEquals(RefreshTokens.hash(refresh), session.previousHash());
            int chain = app.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM refresh_tokens WHERE session_id = :id")
                    .bind("id", session.id().toString()).mapTo(Integer.class).one());
            assertEquals(2, chain, "the chain is one step long");
            assertEquals(0, app.services().auditDao().countMatching(null, null, AuditEvent.REFRESH_REUSE));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void an_expired_session_sends_the_member_to_the_login_page(String database) {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestApp app = start(database, clock)) {
            app.createMember("alice", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");
            clock.advance(Duration.ofDays(14).plusMinutes(1));

            TestClient.Response me = browser.get("/me");

            assertEquals(303, me.status());
            assertEquals(LOGIN_FOR_ME, me.location());
        }
    }
}
