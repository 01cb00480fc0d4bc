package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.domain.Role;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.token.SigningKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The before-handler accepts only tokens it issued: every forged or stale variant of a real token must
 * leave the caller anonymous (GET /me answers 303 to the login page when there is no refresh cookie).
 */
class AccessTokenCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN_FOR_ME = "/login?next=%2Fme";

    private MutableClock clock;
    private TestApp app;
    /** Header and claims of a real access token of a logged-in member, as the app issued them. */
    private Map<String, Object> header;
    private Map<String, Object> claims;

    @BeforeEach
    void logInOnce() throws Exception {
        clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        app = TestApp.builder().clock(clock).start();
        app.createMember("alice", Role.MEMBER);
        String issued = app.loggedIn("alice").cookie("access_token").orElseThrow();
        DecodedJWT decoded = JWT.decode(issued);
        header = JSON.readValue(Base64.getUrlDecoder().decode(decoded.getHeader()), LinkedHashMap.class);
        claims = JSON.readValue(Base64.getUrlDecoder().decode(decoded.getPayload()), LinkedHashMap.class);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** A browser holding only {@code token} as its access cookie, and no refresh cookie. */
    private TestClient.Response meWith(String token) {
        TestClient client = app.client();
        client.setCookie("access_token", token);
        return client.get("/me");
    }

    private void assertAnonymous(String token) {
        TestClient.Response response = meWith(token);
        assertEquals(303, response.status(), response.body());
        assertEquals(LOGIN_FOR_ME, response.location());
        TestClient client = app.client();
        client.setCookie("access_token", token);
        assertEquals("/login", client.get("/").location(), "not even the start page sees a member");
    }

    /** The real claims with {@code change} applied, signed with the app's own key. */
    private String realKeyToken(Consumer<Map<String, Object>> changeHeader, Consumer<Map<String, Object>> changeClaims) {
        return token(changeHeader, changeClaims, app.keys().algorithm());
    }

    private String token(Consumer<Map<String, Object>> changeHeader, Consumer<Map<String, Object>> changeClaims, Algorithm algorithm) {
        Map<String, Object> h = new LinkedHashMap<>(header);
        Map<String, Object> c = new LinkedHashMap<>(claims);
        c.put("jti", UUID.randomUUID().toString());
        changeHeader.accept(h);
        changeClaims.accept(c);
        String head = encode(h);
        String body = encode(c);
        byte[] signature = algorithm.sign(head.getBytes(StandardCharsets.US_ASCII), body.getBytes(StandardCharsets.US_ASCII));
        return head + "." + body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static String encode(Map<String, Object> json) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final Consumer<Map<String, Object>> SAME = m -> { };

    @Test
    void a_token_with_the_real_claims_and_key_is_accepted() {
        // The control: the forging below is faithful, so each rejection is the check's doing.
        assertEquals(200, meWith(realKeyToken(SAME, SAME)).status());
    }

    @Test
    void an_expired_token_is_refused_once_the_leeway_is_over() {
        String token = realKeyToken(SAME, SAME);
        clock.advance(Duration.ofMinutes(15).plusSeconds(3));
        assertEquals(200, meWith(token).status(), "within the 5 s leeway");

        clock.advance(Duration.ofSeconds(3));

        assertAnonymous(token);
    }

    @Test
    void a_token_with_a_tampered_signature_is_refused() {
        String token = realKeyToken(SAME, SAME);
        int last = token.length() - 5;
        char flipped = token.charAt(last) == 'A' ? 'B' : 'A';
        assertAnonymous(token.substring(0, last) + flipped + token.substring(last + 1));
    }

    @Test
    void a_token_whose_claims_were_changed_after_signing_is_refused() {
        String genuine = realKeyToken(SAME, SAME);
        String[] parts = genuine.split("\\.");
        Map<String, Object> promoted = new LinkedHashMap<>(claims);
        promoted.put("role", "ADMIN");
        assertAnonymous(parts[0] + "." + encode(promoted) + "." + parts[2]);
    }

    @Test
    void an_unsigned_alg_none_token_is_refused() {
        assertAnonymous(token(h -> h.put("alg", "none"), SAME, Algorithm.none()));
        assertAnonymous(token(h -> h.put("alg", "None"), SAME, Algorithm.none()));
    }

    @Test
    void an_hs256_token_keyed_with_the_published_rsa_public_key_is_refused() throws Exception {
        RSAPublicKey published = publishedKey();
        assertAnonymous(token(h -> h.put("alg", "HS256"), SAME, Algorithm.HMAC256(published.getEncoded())));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(published.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        assertAnonymous(token(h -> h.put("alg", "HS256"), SAME, Algorithm.HMAC256(pem.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void a_token_from_another_issuer_is_refused() {
        assertAnonymous(realKeyToken(SAME, c -> c.put("iss", "someone-else")));
        assertAnonymous(realKeyToken(SAME, c -> c.remove("iss")));
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        assertAnonymous(realKeyToken(SAME, c -> c.put("aud", "another-service")));
        assertAnonymous(realKeyToken(SAME, c -> c.remove("aud")));
    }

    @Test
    void a_token_of_another_type_is_refused() {
        assertAnonymous(realKeyToken(SAME, c -> c.put("typ", "refresh")));
        assertAnonymous(realKeyToken(SAME, c -> c.put("typ", "id")));
        assertAnonymous(realKeyToken(SAME, c -> c.remove("typ")));
    }

    @Test
    void a_token_without_expiry_is_refused() {
        assertAnonymous(realKeyToken(SAME, c -> c.remove("exp")));
    }

    @Test
    void a_token_without_issued_at_or_id_is_refused() {
        assertAnonymous(realKeyToken(SAME, c -> c.remove("iat")));
        assertAnonymous(realKeyToken(SAME, c -> c.remove("jti")));
    }

    @Test
    void a_token_issued_in_the_future_is_refused() {
        long now = clock.instant().getEpochSecond();
        assertAnonymous(realKeyToken(SAME, c -> {
            c.put("iat", now + 3600);
            c.put("exp", now + 7200);
        }));
    }

    @Test
    void a_token_naming_an_unknown_key_is_refused() throws Exception {
        assertAnonymous(realKeyToken(h -> h.put("kid", "no-such-key"), SAME));
        assertAnonymous(realKeyToken(h -> h.remove("kid"), SAME));
        SigningKey stranger = SigningKey.generate("RSA");
        Algorithm strangers = Algorithm.RSA256((RSAPublicKey) stranger.publicKey(), (RSAPrivateKey) stranger.privateKey());
        assertAnonymous(token(h -> h.put("kid", stranger.kid()), SAME, strangers));
        assertAnonymous(token(SAME, SAME, strangers));
    }

    @Test
    void a_token_for_a_session_that_does_not_exist_is_refused() {
        assertAnonymous(realKeyToken(SAME, c -> c.put("sid", UUID.randomUUID().toString())));
    }

    @Test
    void a_token_claiming_another_role_than_the_member_has_is_refused() {
        assertAnonymous(realKeyToken(SAME, c -> c.put("role", "ADMIN")));
        assertAnonymous(realKeyToken(SAME, c -> c.put("role", "ANONYMOUS")));
        assertAnonymous(realKeyToken(SAME, c -> c.put("sub", UUID.randomUUID().toString())));
    }

    @Test
    void garbage_in_the_cookie_is_refused_without_an_error() {
        assertAnonymous("not-a-jwt");
        assertAnonymous("a.b.c");
        assertAnonymous(realKeyToken(SAME, c -> c.put("sub", "not-a-uuid")));
    }

    /** The app's public key as anyone can read it from the JWKS endpoint. */
    private RSAPublicKey publishedKey() throws Exception {
        JsonNode jwks = JSON.readTree(app.client().get("/.well-known/jwks.json").body());
        JsonNode key = jwks.get("keys").get(0);
        assertEquals(header.get("kid"), key.get("kid").asText());
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").asText()));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(key.get("e").asText()));
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        assertTrue(publicKey.getModulus().bitLength() >= 2048);
        return publicKey;
    }
}
