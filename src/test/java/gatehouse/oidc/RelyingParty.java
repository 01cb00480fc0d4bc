package gatehouse.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A hand-driven client application for the refusal tests: builds authorization requests, calls the token endpoint. */
final class RelyingParty {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REDIRECT = "https://rp.example/callback";

    final TestApp app;
    final Client client;
    final String secret;
    /** The application's own calls (token, userinfo): no browser, no cookies. */
    private final TestClient http;

    private RelyingParty(TestApp app, Client client, String secret) {
        this.app = app;
        this.client = client;
        this.secret = secret;
        this.http = TestClient.withoutCookies(app.baseUrl());
    }

    static RelyingParty register(TestApp app, String type, List<String> scopes) {
        var clients = app.services().clients();
        var registered = clients.register(null, new ClientRequest("RP " + type, type, List.of(REDIRECT),
                List.of("https://rp.example/bye"), scopes, false), "127.0.0.1");
        return new RelyingParty(app, registered.client(), registered.clientSecret());
    }

    /** A PKCE verifier and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The authorization request path with these parameters (and defaults for the rest). */
    String authorizePath(Map<String, String> overrides) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", client.clientId());
        params.put("redirect_uri", REDIRECT);
        params.put("scope", "openid profile");
        params.put("state", "st-" + UUID.randomUUID());
        params.put("nonce", "n-" + UUID.randomUUID());
        params.putAll(overrides);
        return "/oauth2/authorize?" + form(params);
    }

    /** Runs the browser part with a logged-in browser that has consented: returns the code. */
    String code(TestClient browser, Map<String, String> overrides) {
        var response = browser.get(authorizePath(overrides));
        if (response.status() == 200 && response.body().contains("/oauth2/consent")) {
            var request = response.body().split("name=\"request\" value=\"")[1].split("\"")[0].replace("&amp;", "&");
            response = browser.postForm("/oauth2/consent", Map.of("request", request, "decision", "allow"));
        }
        assertEquals(true, response.status() == 302 || response.status() == 303, response.status() + " " + response.body());
        return query(response.location()).get("code");
    }

    /** Posts to the token endpoint with client_secret_basic (confidential) or client_id (public). */
    Reply token(Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (secret == null) {
            all.putIfAbsent("client_id", client.clientId());
        }
        return post("/oauth2/token", all, "Authorization", secret == null ? null : basic());
    }

    /** The Authorization header of client_secret_basic. */
    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((client.clientId() + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Posts {@code params} as a form, with these headers only (a null value is not sent). */
    Reply post(String path, Map<String, String> params, String... headerPairs) {
        return reply(http.post(path, "application/x-www-form-urlencoded", form(params), headerPairs));
    }

    Reply exchange(String code, String verifier) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", REDIRECT);
        if (verifier != null) {
            params.put("code_verifier", verifier);
        }
        return token(params);
    }

    Reply userInfo(String accessToken) {
        return reply(http.get("/oauth2/userinfo", "Authorization", "Bearer " + accessToken));
    }

    record Reply(int status, JsonNode json) {
        String text(String field) {
            return json.path(field).isMissingNode() || json.path(field).isNull() ? null : json.path(field).asText();
        }
    }

    private static Reply reply(TestClient.Response response) {
        return new Reply(response.status(), response.body().isEmpty() ? JSON.createObjectNode() : response.json());
    }

    static Map<String, String> query(String location) {
        String query = URI.create(location).getRawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return params;
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
