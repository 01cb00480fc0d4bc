package gatehouse.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.audit.AuditDao;
import gatehouse.audit.AuditEntry;
import gatehouse.audit.AuditEvent;
import gatehouse.session.LoginSession;
import gatehouse.testing.Html;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.web.Languages;
import gatehouse.domain.Role;
import gatehouse.web.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The login form: success, the one failure message, safe redirects, throttling, audit, re-hashing. */
class LoginTest {
    private static final Text EN = new Languages().text("en");
    private static final Instant START = Instant.parse("2030-01-01T08:00:00Z");

    @Test
    void a_correct_login_sets_both_cookies_opens_a_session_and_goes_to_the_member_page() {
        MutableClock clock = new MutableClock(START);
        try (TestApp app = TestApp.builder().clock(clock).start()) {
            User alice = app.createMember("alice", Role.MEMBER);
            clock.advance(Duration.ofMinutes(5));
            TestClient client = app.client();
            client.get("/login");

            TestClient.Response response = client.postForm("/login", Map.of("username", "Alice", "password", TestApp.PASSWORD),
                    "User-Agent", "TestBrowser/1.0");

            assertEquals(303, response.status());
            assertEquals("/me", response.location());
            assertTrue(response.setCookie("access_token").isPresent());
            assertTrue(response.setCookie("refresh_token").isPresent());
            assertEquals(START.plus(Duration.ofMinutes(5)), app.users().findById(alice.id()).orElseThrow().lastLoginAt());
            List<LoginSession> sessions = app.sessionRows().activeOf(alice.id(), clock.instant());
            assertEquals(1, sessions.size());
            LoginSession session = sessions.get(0);
            assertEquals("TestBrowser/1.0", session.userAgent());
            assertEquals("127.0.0.1", session.ip());
            assertEquals(clock.instant(), session.createdAt());
            assertEquals(clock.instant().plus(Duration.ofDays(14)), session.expiresAt());
            String refresh = client.cookie("refresh_token").orElseThrow();
            assertEquals(gatehouse.session.RefreshTokens.hash(refresh), session.currentHash(), "only the hash is stored");
            assertFalse(app.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE current_hash = :t")
                    .bind("t", refresh).mapTo(Integer.class).one()) > 0);
            assertEquals(200, client.get("/me").status());
            assertEquals(List.of(AuditEvent.LOGIN_SUCCESS), types(app, alice, AuditEvent.LOGIN_SUCCESS));
        }
    }

    @Test
    void a_wrong_password_and_an_unknown_user_get_the_same_answer() {
        try (TestApp app = TestApp.h2()) {
            User bob = app.createMember("bob1", Role.MEMBER);
            TestClient client = app.client();
            client.get("/login");

            TestClient.Response wrongPassword = client.postForm("/login", Map.of("username", "bob1", "password", "not-the-password-1"));
            TestClient.Response unknownUser = client.postForm("/login", Map.of("username", "bob2", "password", "not-the-password-1"));

            assertEquals(401, wrongPassword.status());
            assertEquals(wrongPassword.status(), unknownUser.status());
            assertEquals(EN.get("error.login.failed"), Html.textOf(wrongPassword.body(), "login-error").orElseThrow());
            assertEquals("Wrong user name or password.", Html.textOf(unknownUser.body(), "login-error").orElseThrow());
            // Apart from the echoed user name and the request id, the two pages are the same.
            assertEquals(normalized(wrongPassword.body(), "bob1"), normalized(unknownUser.body(), "bob2"));
            assertFalse(wrongPassword.setCookie("access_token").isPresent());
            assertFalse(unknownUser.setCookie("refresh_token").isPresent());
            assertEquals(1, types(app, bob, AuditEvent.LOGIN_FAILURE).size());
            AuditDao audit = app.services().auditDao();
            assertEquals(2, audit.countMatching(null, null, AuditEvent.LOGIN_FAILURE));
            assertFalse(wrongPassword.body().contains("not-the-password-1"), "the password is never echoed");
        }
    }

    @Test
    void an_unknown_user_costs_a_bcrypt_check_like_a_wrong_password() {
        // At cost 10 one check takes tens of milliseconds; skipping it for unknown names would show.
        try (TestApp app = TestApp.builder().set("auth.bcrypt-cost", "10").start()) {
            app.createMember("henry", Role.MEMBER);
            assertEquals(303, app.client().logIn("henry", TestApp.PASSWORD).status(), "re-hashes at cost 10");
            TestClient client = app.client();
            client.get("/login");
            long[] wrong = new long[7];
            long[] unknown = new long[7];
            for (int i = 0; i < wrong.length; i++) {
                wrong[i] = timed(() -> client.postForm("/login", Map.of("username", "henry", "password", "wrong-guess-abc")));
                unknown[i] = timed(() -> client.postForm("/login", Map.of("username", "nobody-here", "password", "wrong-guess-abc")));
            }
            java.util.Arrays.sort(wrong);
            java.util.Arrays.sort(unknown);
            long wrongMedian = wrong[wrong.length / 2];
            long unknownMedian = unknown[unknown.length / 2];
            assertTrue(unknownMedian * 2 > wrongMedian, "unknown " + unknownMedian + " ms vs wrong " + wrongMedian + " ms");
            assertTrue(wrongMedian * 2 > unknownMedian, "unknown " + unknownMedian + " ms vs wrong " + wrongMedian + " ms");
        }
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void an_empty_form_is_a_failed_login_not_an_error() {
        try (TestApp app = TestApp.h2()) {
            TestClient client = app.client();
            client.get("/login");

            TestClient.Response response = client.postForm("/login", Map.of());

            assertEquals(401, response.status());
            assertEquals(EN.get("error.login.failed"), Html.textOf(response.body(), "login-error").orElseThrow());
        }
    }

    @Test
    void a_local_next_path_is_followed_after_login() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("carol", Role.MEMBER);
            TestClient client = app.client();
            TestClient.Response form = client.get("/login?next=%2Fme%3Ftab%3D2");
            assertEquals("/me?tab=2", Html.attribute(hiddenNext(form.body()), "value").orElseThrow());

            TestClient.Response response = client.postForm("/login",
                    Map.of("username", "carol", "password", TestApp.PASSWORD, "next", "/me?tab=2"));

            assertEquals(303, response.status());
            assertEquals("/me?tab=2", response.location());
        }
    }

    @ParameterizedTest(name = "next={0} is ignored")
    @ValueSource(strings = {"//evil.com", "https://evil.com", "/\\evil.com", "http:/evil.com", "evil.com", "/\tevil.com",
            "javascript:alert(1)", "///evil.com"})
    void a_next_that_leaves_the_site_is_ignored(String next) {
        try (TestApp app = TestApp.h2()) {
            app.createMember("dave", Role.MEMBER);
            TestClient client = app.client();
            TestClient.Response form = client.get("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("", Html.attribute(hiddenNext(form.body()), "value").orElse(""));

            TestClient.Response response = client.postForm("/login",
                    Map.of("username", "dave", "password", TestApp.PASSWORD, "next", next));

            assertEquals(303, response.status());
            assertEquals("/me", response.location());
        }
    }

    @Test
    void repeated_failures_throttle_the_account_with_the_same_message_until_the_wait_is_over() {
        MutableClock clock = new MutableClock(START);
        try (TestApp app = TestApp.builder().clock(clock).start()) {
            User erin = app.createMember("erin", Role.MEMBER);
            TestClient client = app.client();
            client.get("/login");
            for (int i = 0; i < 5; i++) {
                assertEquals(401, client.postForm("/login", Map.of("username", "erin", "password", "guess-number-" + i)).status());
            }

            TestClient.Response throttled = client.postForm("/login", Map.of("username", "erin", "password", TestApp.PASSWORD));

            assertEquals(401, throttled.status(), "even the right password waits");
            assertEquals(EN.get("error.login.failed"), Html.textOf(throttled.body(), "login-error").orElseThrow());
            assertFalse(throttled.setCookie("access_token").isPresent());
            assertEquals(1, types(app, erin, AuditEvent.ACCOUNT_LOCKED).size());
            Instant lockedUntil = app.users().credentials(erin.id()).orElseThrow().lockedUntil();
            assertTrue(lockedUntil.isAfter(clock.instant()));

            clock.advance(Duration.between(clock.instant(), lockedUntil).plusSeconds(1));
            TestClient.Response afterWait = client.postForm("/login", Map.of("username", "erin", "password", TestApp.PASSWORD));

            assertEquals(303, afterWait.status());
            Credentials cleared = app.users().credentials(erin.id()).orElseThrow();
            assertEquals(0, cleared.failedLogins());
            assertNull(cleared.lockedUntil());
        }
    }

    @ParameterizedTest(name = "on {0}")
    @org.junit.jupiter.params.provider.MethodSource("gatehouse.testing.TestDatabase#kinds")
    void parallel_guesses_cannot_outrun_the_throttle(String database) throws Exception {
        int guesses = 20;
        MutableClock clock = new MutableClock(START);
        try (TestApp app = TestApp.builder().database(database).clock(clock).start()) {
            User ivan = app.createMember("ivan", Role.MEMBER);
            List<TestClient> attackers = new java.util.ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                TestClient client = app.client();
                client.get("/login");
                attackers.add(client);
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(guesses);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<TestClient.Response>> results = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < guesses; i++) {
                    TestClient attacker = attackers.get(i);
                    String guess = "parallel-guess-" + i;
                    results.add(pool.submit(() -> {
                        go.await();
                        return attacker.postForm("/login", Map.of("username", "ivan", "password", guess));
                    }));
                }
                go.countDown();
                for (java.util.concurrent.Future<TestClient.Response> result : results) {
                    assertEquals(401, result.get().status());
                }
            } finally {
                pool.shutdownNow();
            }
            List<AuditEntry> failures = app.services().auditDao().matching(ivan.id(), null, AuditEvent.LOGIN_FAILURE, 100, 0);
            assertEquals(guesses, failures.size(), "every attempt is audited");
            long checked = failures.stream().filter(e -> e.detail().startsWith("wrong password")).count();
            assertTrue(checked <= 5, "only the free attempts were checked before the lock, not " + checked);
            assertEquals(checked, app.users().credentials(ivan.id()).orElseThrow().failedLogins(), "every checked guess counts");
        }
    }

    @Test
    void the_wait_grows_with_more_failures_but_stays_bounded() {
        assertEquals(Duration.ZERO, LoginThrottle.waitAfter(4));
        assertTrue(LoginThrottle.waitAfter(6).compareTo(LoginThrottle.waitAfter(5)) > 0);
        assertEquals(Duration.ofMinutes(15), LoginThrottle.waitAfter(1_000));
        // At the cap an attacker gets at most four guesses an hour, well under the 100 allowed.
        assertTrue(Duration.ofHours(1).dividedBy(LoginThrottle.waitAfter(1_000)) <= 100);
    }

    @Test
    void a_login_while_logged_in_goes_straight_to_the_member_page() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("frank", Role.MEMBER);
            TestClient client = app.loggedIn("frank");

            TestClient.Response response = client.get("/login");

            assertEquals(303, response.status());
            assertEquals("/me", response.location());
        }
    }

    @Test
    void a_login_with_a_hash_of_another_cost_re_hashes_it_at_the_configured_cost() {
        try (TestApp first = TestApp.h2()) {
            User grace = first.createMember("grace", Role.MEMBER);
            assertTrue(first.users().credentials(grace.id()).orElseThrow().passwordHash().startsWith("$2a$04$"));
            try (TestApp second = TestApp.builder().sharing(first).set("auth.bcrypt-cost", "5").start()) {

                assertEquals(303, second.client().logIn("grace", TestApp.PASSWORD).status());

                String rehashed = second.users().credentials(grace.id()).orElseThrow().passwordHash();
                assertTrue(rehashed.startsWith("$2a$05$"), rehashed);
                assertEquals(303, second.client().logIn("grace", TestApp.PASSWORD).status(), "the new hash still matches");
                assertEquals(rehashed, second.users().credentials(grace.id()).orElseThrow().passwordHash(),
                        "no second re-hash at the same cost");
                assertNotEquals(401, first.client().logIn("grace", TestApp.PASSWORD).status());
            }
        }
    }

    private static List<AuditEvent> types(TestApp app, User subject, AuditEvent type) {
        return app.services().auditDao().matching(subject.id(), null, type, 100, 0).stream().map(AuditEntry::type).toList();
    }

    private static String hiddenNext(String body) {
        // The layout's language switch has a "next" of its own: look inside the login form.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?s)<form method=\"post\" action=\"/login\">.*?(<input type=\"hidden\" name=\"next\"[^>]*>)").matcher(body);
        assertTrue(m.find(), "login form has a next field");
        return m.group(1);
    }

    private static String normalized(String body, String username) {
        return body.replace("value=\"" + username + "\"", "value=\"USER\"").replaceAll("[0-9a-f]{16}", "REQUEST-ID");
    }
}
