package gatehouse.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The authorization code flow end to end, and every refusal a strict provider owes its clients. */
class OidcFlowTest {
    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static final AtomicInteger MEMBERS = new AtomicInteger();
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.builder().clock(CLOCK).set("server.public-url", "https://login.example.org").start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A new member, logged in in a new browser. */
    private static TestClient member() {
        String username = "member" + MEMBERS.incrementAndGet();
        app.createMember(username, Role.MEMBER);
        return app.loggedIn(username);
    }

    private static DecodedJWT verified(String idToken, String clientId) {
        return JWT.require(app.keys().algorithm()).withIssuer("https://login.example.org").withAudience(clientId)
                .acceptLeeway(5).build().verify(idToken);
    }

    @Test
    void discovery_names_the_public_url_as_issuer_and_offers_only_the_code_flow_with_s256() throws Exception {
        var d = RelyingParty.JSON.readTree(app.client().get("/.well-known/openid-configuration").body());
        assertEquals("https://login.example.org", d.path("issuer").asText());
        assertEquals("https://login.example.org/oauth2/token", d.path("token_endpoint").asText());
        assertEquals("[\"code\"]", d.path("response_types_supported").toString());
        assertEquals("[\"S256\"]", d.path("code_challenge_methods_supported").toString());
        assertEquals("[\"RS256\"]", d.path("id_token_signing_alg_values_supported").toString());
        assertTrue(d.path("authorization_response_iss_parameter_supported").asBoolean());
    }

    @Test
    void a_public_client_with_pkce_gets_an_id_token_for_itself_with_the_claims_its_scopes_allow() {
        var rp = RelyingParty.register(app, "public", List.of("openid", "profile", "phone"));
        var pkce = RelyingParty.Pkce.create();
        TestClient browser = member();
        String code = rp.code(browser, Map.of("code_challenge", pkce.challenge(), "code_challenge_method", "S256",
                "nonce", "n-123"));
        var tokens = rp.exchange(code, pkce.verifier());
        assertEquals(200, tokens.status(), tokens.json().toString());
        assertEquals("Bearer", tokens.text("token_type"));
        assertNull(tokens.text("refresh_token"), "no offline_access, no refresh token");
        DecodedJWT id = verified(tokens.text("id_token"), rp.client.clientId());
        assertEquals("n-123", id.getClaim("nonce").asString());
        assertEquals(List.of("pwd"), id.getClaim("amr").asList(String.class));
        assertNotNull(id.getClaim("auth_time").asLong());
        assertTrue(id.getClaim("preferred_username").asString().startsWith("member"));
        assertTrue(id.getClaim("phone_number").isMissing(), "the member gave no phone number");
        DecodedJWT access = JWT.decode(tokens.text("access_token"));
        assertEquals(List.of(rp.client.clientId()), access.getAudience());

        var info = rp.userInfo(tokens.text("access_token"));
        assertEquals(200, info.status());
        assertEquals(id.getSubject(), info.text("sub"));
        assertEquals(id.getClaim("name").asString(), info.text("name"));
        // Gatehouse's own API does not take a client's token.
        assertEquals(401, app.client().get("/api/v1/me", "Authorization", "Bearer " + tokens.text("access_token")).status());
    }

    @Test
    void without_the_profile_scope_only_the_subject_goes_out() {
        var rp = RelyingParty.register(app, "confidential", List.of("openid", "profile"));
        String code = rp.code(member(), Map.of("scope", "openid"));
        var tokens = rp.exchange(code, null);
        assertEquals(200, tokens.status(), tokens.json().toString());
        DecodedJWT id = verified(tokens.text("id_token"), rp.client.clientId());
        assertTrue(id.getClaim("name").isMissing());
        assertEquals(List.of("sub"), names(rp.userInfo(tokens.text("access_token")).json().fieldNames()));
    }

    @Test
    void an_unknown_client_or_an_unregistered_redirect_is_shown_as_a_page_never_redirected() {
        var rp = RelyingParty.register(app, "confidential", null);
        TestClient browser = member();
        var unknown = browser.get(rp.authorizePath(Map.of("client_id", "nobody")));
        assertEquals(400, unknown.status());
        assertNull(unknown.location());
        var wrongRedirect = browser.get(rp.authorizePath(Map.of("redirect_uri", "https://evil.example/callback")));
        assertEquals(400, wrongRedirect.status());
        assertNull(wrongRedirect.location());
        var prefix = browser.get(rp.authorizePath(Map.of("redirect_uri", RelyingParty.REDIRECT + "/more")));
        assertEquals(400, prefix.status(), "exact match only");
    }

    @Test
    void a_public_client_without_pkce_is_sent_back_an_error_with_state_and_issuer() {
        var rp = RelyingParty.register(app, "public", null);
        var response = member().get(rp.authorizePath(Map.of("state", "s-1")));
        assertEquals(302, response.status());
        var params = RelyingParty.query(response.location());
        assertEquals("invalid_request", params.get("error"));
        assertEquals("s-1", params.get("state"));
        assertEquals("https://login.example.org", params.get("iss"));
        assertTrue(response.location().startsWith(RelyingParty.REDIRECT + "?"));
    }

    @Test
    void the_implicit_flow_and_plain_pkce_are_refused() {
        var rp = RelyingParty.register(app, "confidential", null);
        TestClient browser = member();
        var implicit = RelyingParty.query(browser.get(rp.authorizePath(Map.of("response_type", "id_token"))).location());
        assertEquals("unsupported_response_type", implicit.get("error"));
        var plain = RelyingParty.query(browser.get(rp.authorizePath(Map.of("code_challenge", "x".repeat(43),
                "code_challenge_method", "plain"))).location());
        assertEquals("invalid_request", plain.get("error"));
    }

    @Test
    void a_replayed_code_is_refused_and_revokes_what_the_first_exchange_issued() {
        var rp = RelyingParty.register(app, "confidential", null);
        String code = rp.code(member(), Map.of("scope", "openid offline_access"));
        var first = rp.exchange(code, null);
        assertEquals(200, first.status());
        assertNotNull(first.text("refresh_token"));
        assertEquals(200, rp.userInfo(first.text("access_token")).status());

        var second = rp.exchange(code, null);
        assertEquals(400, second.status());
        assertEquals("invalid_grant", second.text("error"));
        assertEquals(401, rp.userInfo(first.text("access_token")).status());
        var refresh = rp.token(Map.of("grant_type", "refresh_token", "refresh_token", first.text("refresh_token")));
        assertEquals("invalid_grant", refresh.text("error"));
    }

    @Test
    void a_code_is_bound_to_its_client_its_redirect_and_its_verifier_and_expires_after_a_minute() {
        var rp = RelyingParty.register(app, "confidential", null);
        var other = RelyingParty.register(app, "confidential", null);
        TestClient browser = member();
        var pkce = RelyingParty.Pkce.create();
        Map<String, String> withPkce = Map.of("code_challenge", pkce.challenge(), "code_challenge_method", "S256");

        assertEquals("invalid_grant", other.exchange(rp.code(browser, Map.of()), null).text("error"));
        assertEquals("invalid_grant", rp.exchange(rp.code(browser, withPkce), RelyingParty.Pkce.create().verifier()).text("error"));
        assertEquals("invalid_grant", rp.exchange(rp.code(browser, withPkce), null).text("error"));
        var wrongRedirect = rp.token(Map.of("grant_type", "authorization_code", "code", rp.code(browser, Map.of()),
                "redirect_uri", "https://rp.example/other"));
        assertEquals("invalid_grant", wrongRedirect.text("error"));

        String late = rp.code(browser, Map.of());
        CLOCK.advance(Grants.CODE_LIFE.plusSeconds(1));
        assertEquals("invalid_grant", rp.exchange(late, null).text("error"));
        String inTime = rp.code(browser, withPkce);
        assertEquals(200, rp.exchange(inTime, pkce.verifier()).status());
    }

    @Test
    void a_wrong_client_secret_is_401_invalid_client() {
        var rp = RelyingParty.register(app, "confidential", null);
        String code = rp.code(member(), Map.of());
        var wrong = rp.post("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", RelyingParty.REDIRECT, "client_id", rp.client.clientId(),
                "client_secret", "guess"));
        assertEquals(401, wrong.status());
        assertEquals("invalid_client", wrong.text("error"));
    }

    @Test
    void a_visitor_is_sent_through_the_login_page_and_back_and_prompt_none_says_login_required() {
        var rp = RelyingParty.register(app, "confidential", null);
        String username = "member" + MEMBERS.incrementAndGet();
        app.createMember(username, Role.MEMBER);
        TestClient browser = app.client();
        assertEquals("login_required", RelyingParty.query(browser.get(rp.authorizePath(Map.of("prompt", "none"))).location()).get("error"));

        String path = rp.authorizePath(Map.of("state", "s-2"));
        var toLogin = browser.get(path);
        assertEquals(302, toLogin.status());
        assertEquals("/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8), toLogin.location());
        var loginPage = browser.get(toLogin.location());
        assertTrue(loginPage.header("Content-Security-Policy").orElseThrow().contains("form-action 'self' https://rp.example"));
        var loggedIn = browser.postForm("/login", Map.of("username", username, "password", TestApp.PASSWORD, "next", path));
        assertEquals(303, loggedIn.status());
        assertEquals(path, loggedIn.location());
        var consent = browser.get(path);
        assertEquals(200, consent.status());
        assertTrue(consent.body().contains("/oauth2/consent"));
        assertTrue(consent.header("Content-Security-Policy").orElseThrow().contains("form-action 'self' https://rp.example"));
    }

    @Test
    void consent_is_asked_once_and_a_refusal_goes_back_as_access_denied() {
        var rp = RelyingParty.register(app, "confidential", null);
        TestClient browser = member();
        var page = browser.get(rp.authorizePath(Map.of()));
        String request = page.body().split("name=\"request\" value=\"")[1].split("\"")[0].replace("&amp;", "&");
        var denied = browser.postForm("/oauth2/consent", Map.of("request", request, "decision", "deny"));
        assertEquals("access_denied", RelyingParty.query(denied.location()).get("error"));
        assertEquals("consent_required", RelyingParty.query(browser.get(rp.authorizePath(Map.of("prompt", "none"))).location()).get("error"));

        rp.code(browser, Map.of());
        var again = browser.get(rp.authorizePath(Map.of("prompt", "none")));
        assertNotNull(RelyingParty.query(again.location()).get("code"), "remembered");
        var noCsrf = browser.postForm("/oauth2/consent", Map.of("request", request, "decision", "allow", "_csrf", ""));
        assertEquals(403, noCsrf.status());
    }

    @Test
    void refresh_tokens_rotate_and_the_reuse_of_an_old_one_ends_the_grant() {
        var rp = RelyingParty.register(app, "confidential", null);
        var first = rp.exchange(rp.code(member(), Map.of("scope", "openid profile offline_access")), null);
        String r1 = first.text("refresh_token");
        var second = rp.token(Map.of("grant_type", "refresh_token", "refresh_token", r1));
        assertEquals(200, second.status(), second.json().toString());
        String r2 = second.text("refresh_token");
        assertFalse(r1.equals(r2));
        assertNotNull(verified(second.text("id_token"), rp.client.clientId()).getClaim("name").asString());

        CLOCK.advance(Duration.ofSeconds(11));
        assertEquals("invalid_grant", rp.token(Map.of("grant_type", "refresh_token", "refresh_token", r1)).text("error"));
        assertEquals("invalid_grant", rp.token(Map.of("grant_type", "refresh_token", "refresh_token", r2)).text("error"),
                "the whole family is revoked");
        var other = RelyingParty.register(app, "confidential", null);
        var third = rp.exchange(rp.code(member(), Map.of("scope", "openid offline_access")), null);
        assertEquals("invalid_grant", other.token(Map.of("grant_type", "refresh_token", "refresh_token",
                third.text("refresh_token"))).text("error"), "another client's refresh token");
    }

    @Test
    void revocation_and_introspection_answer_only_for_the_clients_own_tokens() {
        var rp = RelyingParty.register(app, "confidential", null);
        var other = RelyingParty.register(app, "confidential", null);
        var tokens = rp.exchange(rp.code(member(), Map.of("scope", "openid offline_access")), null);
        String access = tokens.text("access_token");

        var mine = rp.post("/oauth2/introspect", Map.of("token", access), "Authorization", rp.basic());
        assertTrue(mine.json().path("active").asBoolean(), mine.json().toString());
        assertEquals(rp.client.clientId(), mine.text("client_id"));
        assertFalse(other.post("/oauth2/introspect", Map.of("token", access), "Authorization", other.basic()).json().path("active").asBoolean());
        assertTrue(rp.post("/oauth2/introspect", Map.of("token", tokens.text("refresh_token")), "Authorization", rp.basic()).json().path("active").asBoolean());

        assertEquals(200, other.post("/oauth2/revoke", Map.of("token", tokens.text("refresh_token")), "Authorization", other.basic()).status());
        assertEquals(200, rp.userInfo(access).status(), "another client cannot revoke it");
        assertEquals(200, rp.post("/oauth2/revoke", Map.of("token", tokens.text("refresh_token")), "Authorization", rp.basic()).status());
        assertEquals(401, rp.userInfo(access).status());
        assertFalse(rp.post("/oauth2/introspect", Map.of("token", access), "Authorization", rp.basic()).json().path("active").asBoolean());
    }

    @Test
    void logout_with_an_id_token_hint_ends_the_gatehouse_session_and_returns_to_the_registered_address() {
        var rp = RelyingParty.register(app, "confidential", null);
        TestClient browser = member();
        var tokens = rp.exchange(rp.code(browser, Map.of()), null);
        var bye = browser.get("/oauth2/logout?id_token_hint=" + tokens.text("id_token")
                + "&post_logout_redirect_uri=" + URLEncoder.encode("https://rp.example/bye", StandardCharsets.UTF_8) + "&state=x");
        assertEquals(302, bye.status());
        assertEquals("https://rp.example/bye?state=x", bye.location());
        assertEquals(303, browser.get("/me").status(), "logged out");

        TestClient another = member();
        var unregistered = another.get("/oauth2/logout?post_logout_redirect_uri=" + URLEncoder.encode("https://evil.example/", StandardCharsets.UTF_8));
        assertEquals(200, unregistered.status(), "no hint: the member confirms first");
        assertEquals(200, another.get("/me").status(), "still logged in");
    }

    private static <T> List<T> names(java.util.Iterator<T> it) {
        List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
