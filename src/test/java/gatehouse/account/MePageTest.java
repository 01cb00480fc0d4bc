package gatehouse.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.session.RefreshTokens;
import gatehouse.session.LoginSession;
import gatehouse.testing.Eventually;
import gatehouse.testing.Html;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The member page: profile, live countdown data, the decoded token as a learning aid, and the sessions. */
class MePageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_member_page_shows_the_decoded_token_the_countdowns_and_the_sessions() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestApp app = TestApp.builder().clock(clock).start()) {
            User alice = app.createMember("alice", Role.MEMBER);
            TestClient laptop = app.client();
            laptop.get("/login");
            laptop.postForm("/login", java.util.Map.of("username", "alice", "password", TestApp.PASSWORD), "User-Agent", "Laptop/1");
            app.client().logIn("alice", TestApp.PASSWORD);
            String access = laptop.cookie("access_token").orElseThrow();
            DecodedJWT token = JWT.decode(access);

            TestClient.Response page = laptop.get("/me");

            assertEquals(200, page.status());
            assertEquals("no-store", page.header("Cache-Control").orElse(null));
            String body = page.body();
            JsonNode header = JSON.readTree(Html.textOf(body, "token-header").orElseThrow());
            assertEquals("RS256", header.get("alg").asText());
            assertEquals(token.getKeyId(), header.get("kid").asText());
            JsonNode claims = JSON.readTree(Html.textOf(body, "token-claims").orElseThrow());
            assertEquals(alice.id().toString(), claims.get("sub").asText());
            assertEquals(token.getClaim("sid").asString(), claims.get("sid").asText());
            assertEquals("access", claims.get("typ").asText());
            assertEquals("alice", claims.get("username").asText());
            assertEquals("MEMBER", claims.get("role").asText());
            assertFalse(body.contains(access), "the token itself (with its signature) is not on the page");

            String accessCountdown = Html.tagWithId(body, "access-countdown").orElseThrow();
            assertEquals(String.valueOf(token.getExpiresAtAsInstant().getEpochSecond()),
                    Html.attribute(accessCountdown, "data-expires").orElseThrow());
            LoginSession session = app.sessionRows()
                    .findByTokenHash(RefreshTokens.hash(laptop.cookie("refresh_token").orElseThrow())).orElseThrow();
            assertEquals(String.valueOf(session.expiresAt().getEpochSecond()),
                    Html.attribute(Html.tagWithId(body, "refresh-countdown").orElseThrow(), "data-expires").orElseThrow());
            assertTrue(Html.tagWithId(body, "time-on-page").isPresent());
            assertTrue(Html.tagWithId(body, "current-time").isPresent());
            assertEquals(String.valueOf(clock.instant().getEpochSecond()),
                    Html.attribute(Html.tagWithId(body, "clocks").orElseThrow(), "data-now").orElseThrow());
            assertTrue(body.contains("<script src=\"/static/me.js\" defer></script>"), "the countdowns' script, not inline");

            Matcher rows = Pattern.compile("(?s)<tbody>(.*?)</tbody>").matcher(body);
            assertTrue(rows.find());
            assertEquals(2, rows.group(1).split("<tr>").length - 1, "both sessions are listed");
            assertTrue(rows.group(1).contains("Laptop/1"));
            assertTrue(rows.group(1).contains("127.0.0.1"));
            assertTrue(rows.group(1).contains("/me/sessions/"), "the other session can be ended");

            assertTrue(body.contains("Name alice"));
            assertTrue(body.contains("nick alice"));
        }
    }

    @Test
    void the_member_page_is_in_korean_for_a_korean_browser() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");

            TestClient.Response page = browser.get("/me", "Accept-Language", "ko-KR");

            assertEquals(200, page.status());
            assertTrue(page.body().contains("<html lang=\"ko\">"));
        }
    }

    @Test
    void an_admin_sees_their_role_on_the_member_page() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("chief", Role.ADMIN);
            TestClient browser = app.loggedIn("chief");

            TestClient.Response page = browser.get("/me");

            assertEquals(200, page.status());
            assertTrue(Html.unescape(page.body()).contains("Administrator"));
            assertTrue(Html.unescape(Html.textOf(page.body(), "token-claims").orElseThrow()).contains("\"role\" : \"ADMIN\""));
        }
    }

    @Test
    void sessions_are_named_by_browser_and_system_with_the_raw_header_only_as_a_tooltip() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient laptop = app.client();
            laptop.get("/login");
            String firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";
            laptop.postForm("/login", java.util.Map.of("username", "alice", "password", TestApp.PASSWORD), "User-Agent", firefox);

            String body = laptop.get("/me").body();
            assertTrue(body.contains("<span class=\"device\" title=\"" + firefox + "\">Firefox on Windows</span>"), body);
            assertTrue(laptop.get("/me", "Accept-Language", "ko").body().contains(">Windows의 Firefox</span>"));
            assertTrue(app.loggedIn("alice").get("/me").body().contains(">Unknown device</span>"),
                    "a client the rules do not know (the test's HTTP client)");
        }
    }

    /** The session list is read at most every 2 s per member, but a change made on this instance shows at once. */
    @Test
    void the_session_list_shows_a_new_login_and_an_ended_session_at_once() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient laptop = app.loggedIn("alice");
            assertEquals(1, sessionsListed(laptop));

            TestClient phone = app.loggedIn("alice");
            assertEquals(2, sessionsListed(laptop), "a login on this instance");

            assertEquals(200, phone.postForm("/logout", Map.of()).status());
            assertEquals(1, sessionsListed(laptop), "a logout on this instance");
        }
    }

    @Test
    void a_session_ended_by_another_instance_leaves_the_list_within_two_seconds() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient laptop = app.loggedIn("alice");
            String phoneRefresh = app.loggedIn("alice").cookie("refresh_token").orElseThrow();
            assertEquals(2, sessionsListed(laptop));

            // What another instance's logout writes to the shared database, behind this instance's back.
            app.jdbi().useHandle(handle -> handle.createUpdate("""
                    UPDATE sessions SET revoked_at = CURRENT_TIMESTAMP
                     WHERE id = (SELECT session_id FROM refresh_tokens WHERE token_hash = :hash)""")
                    .bind("hash", RefreshTokens.hash(phoneRefresh)).execute());

            // Cached for 2 s: never longer (a busy machine may take a little more to show it).
            Eventually.within(Duration.ofSeconds(5), "the ended session to leave the list", () -> sessionsListed(laptop) == 1);
        }
    }

    private static int sessionsListed(TestClient browser) {
        Matcher rows = Pattern.compile("(?s)<tbody>(.*?)</tbody>").matcher(browser.get("/me").body());
        assertTrue(rows.find());
        return rows.group(1).split("<tr>").length - 1;
    }
}
