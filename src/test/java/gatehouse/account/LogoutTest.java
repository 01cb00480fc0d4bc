package gatehouse.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.audit.AuditEvent;
import gatehouse.session.RefreshTokens;
import gatehouse.session.LoginSession;
import gatehouse.testing.Eventually;
import gatehouse.testing.Html;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.web.Languages;
import gatehouse.domain.Role;
import gatehouse.web.Text;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Logging out ends this session's refresh-token family, clears the cookies and says goodbye by nickname. */
class LogoutTest {
    private static final Text EN = new Languages().text("en");

    @Test
    void logout_revokes_the_session_clears_both_cookies_and_names_the_member() {
        try (TestApp app = TestApp.h2()) {
            User alice = app.createMember("alice", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");
            String refresh = browser.cookie("refresh_token").orElseThrow();
            assertEquals(200, browser.get("/me").status());

            TestClient.Response response = browser.postForm("/logout", Map.of());

            assertEquals(200, response.status());
            assertTrue(Html.unescape(response.body()).contains(EN.format("logout.message", "nick alice")), response.body());
            for (String name : new String[] {"access_token", "refresh_token"}) {
                String cookie = response.setCookie(name).orElseThrow();
                assertTrue(cookie.startsWith(name + "=;"), cookie);
                assertTrue(cookie.contains("Max-Age=0"), cookie);
                assertTrue(cookie.contains("HttpOnly"), cookie);
            }
            LoginSession session = app.sessionRows().findByTokenHash(RefreshTokens.hash(refresh)).orElseThrow();
            assertNotNull(session.revokedAt());
            assertEquals(1, app.services().auditDao().countMatching(alice.id(), null, AuditEvent.LOGOUT));
            assertTrue(browser.cookie("access_token").isEmpty());
            assertEquals(303, browser.get("/me").status());
        }
    }

    @Test
    void the_goodbye_page_already_shows_the_visitor_as_logged_out() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");
            browser.get("/me");

            TestClient.Response response = browser.postForm("/logout", Map.of());

            assertEquals(200, response.status());
            assertFalse(response.body().contains("action=\"/logout\""), "no log-out button after logging out");
            assertTrue(response.body().contains("href=\"/login\""));
            // The page's own forms must work for the now anonymous visitor.
            TestClient.Response language = browser.postForm("/lang", Map.of("lang", "ko", "next", "/login"));
            assertEquals(303, language.status(), language.body());
            assertEquals("ko", browser.cookie("lang").orElseThrow());
        }
    }

    @Test
    void replaying_the_old_cookies_after_logout_does_not_log_in() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");
            String access = browser.cookie("access_token").orElseThrow();
            String refresh = browser.cookie("refresh_token").orElseThrow();
            browser.get("/me");
            assertEquals(200, browser.postForm("/logout", Map.of()).status());

            TestClient onlyRefresh = app.client();
            onlyRefresh.setCookie("refresh_token", refresh);
            TestClient.Response replay = onlyRefresh.get("/me");
            assertEquals(303, replay.status());
            assertEquals("/login?next=%2Fme", replay.location());

            TestClient both = app.client();
            both.setCookie("access_token", access);
            both.setCookie("refresh_token", refresh);
            assertEquals(303, both.get("/me").status(), "the still unexpired access token is dead with its session");
            assertEquals(0, app.services().auditDao().countMatching(null, null, AuditEvent.REFRESH_REUSE),
                    "a revoked session is not reuse of a rotated token");
        }
    }

    @Test
    void a_logout_on_one_instance_takes_effect_on_another_within_five_seconds() {
        try (TestApp first = TestApp.h2(); TestApp second = TestApp.builder().sharing(first).start()) {
            first.createMember("alice", Role.MEMBER);
            TestClient browser = first.loggedIn("alice");
            browser.get("/me");
            TestClient sameTokenElsewhere = second.client();
            sameTokenElsewhere.setCookie("access_token", browser.cookie("access_token").orElseThrow());
            assertEquals(200, sameTokenElsewhere.get("/me").status(), "the other instance trusts the token");

            assertEquals(200, browser.postForm("/logout", Map.of()).status());

            int[] status = new int[1];
            Eventually.within(Duration.ofSeconds(5), "the revocation to reach the other instance",
                    () -> (status[0] = sameTokenElsewhere.get("/me").status()) != 200);
            assertEquals(303, status[0], "the revocation reached the other instance in time");
        }
    }

    @Test
    void logout_ends_only_this_session() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient laptop = app.loggedIn("alice");
            TestClient phone = app.loggedIn("alice");
            laptop.get("/me");

            laptop.postForm("/logout", Map.of());

            assertEquals(200, phone.get("/me").status());
            assertEquals(303, laptop.get("/me").status());
        }
    }

    @Test
    void logout_without_a_session_goes_to_the_login_page() {
        try (TestApp app = TestApp.h2()) {
            TestClient anonymous = app.client();
            anonymous.get("/login");

            TestClient.Response response = anonymous.postForm("/logout", Map.of());

            assertEquals(303, response.status());
            assertTrue(response.location().startsWith("/login"));
            assertNull(response.header("Set-Cookie").filter(c -> c.startsWith("refresh_token=x")).orElse(null));
        }
    }
}
