package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.domain.Role;
import gatehouse.session.RefreshTokens;
import gatehouse.testing.Html;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every page POST needs the _csrf of this browser's session (or pre-session); otherwise 403 and nothing happens. */
class CsrfTest {
    private static final Text EN = new Languages().text("en");

    /** How a forged form gets its _csrf: none, garbage, or a real token of another browser. */
    enum Forgery {
        MISSING, EMPTY, WRONG, OTHER_BROWSERS
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(Forgery.values()).map(Arguments::of);
    }

    private static Map<String, String> with(Map<String, String> form, Forgery forgery, Function<Forgery, String> others) {
        Map<String, String> all = new LinkedHashMap<>(form);
        switch (forgery) {
            case MISSING -> all.put("_csrf", null);
            case EMPTY -> all.put("_csrf", "");
            case WRONG -> all.put("_csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            case OTHER_BROWSERS -> all.put("_csrf", others.apply(forgery));
            default -> throw new IllegalArgumentException(forgery.name());
        }
        return all;
    }

    private static void assertRefused(TestClient.Response response) {
        assertEquals(403, response.status(), response.body());
        String text = Html.unescape(response.body());
        String expected = EN.get("error.csrf").substring(0, EN.get("error.csrf").indexOf('('));
        assertTrue(text.contains(expected.strip()), text);
        assertFalse(response.setCookie("access_token").filter(c -> !c.startsWith("access_token=;")).isPresent());
        assertFalse(response.setCookie("refresh_token").filter(c -> !c.startsWith("refresh_token=;")).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void a_login_without_this_browsers_token_is_refused(Forgery forgery) {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient browser = app.client();
            browser.get("/login");
            TestClient other = app.client();

            TestClient.Response response = browser.postForm("/login",
                    with(Map.of("username", "alice", "password", TestApp.PASSWORD), forgery, f -> other.csrfToken()));

            assertRefused(response);
            assertTrue(browser.cookie("access_token").isEmpty());
            assertNull(app.users().findByUsername("alice").orElseThrow().lastLoginAt(), "no login happened");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void a_sign_up_without_this_browsers_token_is_refused(Forgery forgery) {
        try (TestApp app = TestApp.h2()) {
            TestClient browser = app.client();
            browser.get("/signup");
            TestClient other = app.client();
            Map<String, String> form = Map.of("username", "mallory", "password", TestApp.PASSWORD,
                    "passwordConfirm", TestApp.PASSWORD, "name", "Mallory", "nickname", "mal");

            assertRefused(browser.postForm("/signup", with(form, forgery, f -> other.csrfToken())));

            assertTrue(app.users().findByUsername("mallory").isEmpty(), "no user created");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void a_forged_logout_leaves_the_member_logged_in(Forgery forgery) {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            app.createMember("bob1", Role.MEMBER);
            TestClient alice = app.loggedIn("alice");
            alice.get("/me");
            TestClient bob = app.loggedIn("bob1");
            bob.get("/me");
            String refresh = alice.cookie("refresh_token").orElseThrow();

            assertRefused(alice.postForm("/logout", with(Map.of(), forgery, f -> bob.csrfToken())));

            assertEquals(200, alice.get("/me").status(), "still logged in");
            assertNull(app.sessionRows().findByTokenHash(RefreshTokens.hash(refresh)).orElseThrow().revokedAt());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void a_forged_language_switch_changes_nothing(Forgery forgery) {
        try (TestApp app = TestApp.h2()) {
            TestClient browser = app.client();
            browser.get("/login");
            TestClient other = app.client();

            TestClient.Response response = browser.postForm("/lang", with(Map.of("lang", "ko", "next", "/login"), forgery,
                    f -> other.csrfToken()));

            assertRefused(response);
            assertFalse(response.setCookie("lang").isPresent());
            assertTrue(browser.cookie("lang").isEmpty());
        }
    }

    @Test
    void a_pre_session_token_does_not_fit_another_pre_session() {
        try (TestApp app = TestApp.h2()) {
            TestClient first = app.client();
            TestClient second = app.client();
            String firstToken = first.csrfToken();
            String secondToken = second.csrfToken();

            assertFalse(firstToken.equals(secondToken), "each browser has its own token");
            assertEquals(303, first.postForm("/lang", Map.of("lang", "ko", "next", "/login", "_csrf", firstToken)).status());
        }
    }

    @Test
    void the_session_bound_token_survives_a_silent_renewal() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestApp app = TestApp.builder().clock(clock).set("auth.access-token-ttl", "PT2S").start()) {
            app.createMember("alice", Role.MEMBER);
            TestClient alice = app.loggedIn("alice");
            alice.get("/me");
            clock.advance(Duration.ofSeconds(30));

            TestClient.Response logout = alice.postForm("/logout", Map.of());

            assertEquals(200, logout.status(), "a form opened before the access token expired still posts");
        }
    }

    @Test
    void a_get_with_a_method_override_header_cannot_reach_a_post_handler() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient alice = app.loggedIn("alice");

            TestClient.Response response = alice.get("/logout", "X-HTTP-Method-Override", "POST");

            assertEquals(400, response.status());
            assertEquals(200, alice.get("/me").status());
        }
    }

    @Test
    void a_visitor_posting_to_a_member_form_is_sent_to_the_login_page_not_refused() {
        try (TestApp app = TestApp.h2()) {
            TestClient visitor = app.client();

            TestClient.Response response = visitor.postForm("/logout", Map.of("_csrf", "not-checked-before-login"));

            assertEquals(303, response.status(), response.body());
            assertEquals("/login", response.location());
        }
    }

    @Test
    void a_members_action_does_not_accept_the_token_of_the_pre_login_form() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient alice = app.client();
            alice.get("/login");
            String preLoginToken = alice.csrfToken();
            assertEquals(303, alice.postForm("/login", Map.of("username", "alice", "password", TestApp.PASSWORD)).status());

            assertRefused(alice.postForm("/logout", Map.of("_csrf", preLoginToken)));
            assertEquals(200, alice.get("/me").status(), "still logged in");
        }
    }
}
