package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.domain.Role;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The token cookies carry the documented attributes; Secure only when the request came over HTTPS. */
class CookieAttributesTest {

    @Test
    void token_cookies_are_http_only_lax_and_site_wide_without_secure_over_plain_http() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient client = app.client();
            client.get("/login");

            TestClient.Response response = client.postForm("/login", Map.of("username", "alice", "password", TestApp.PASSWORD));

            assertEquals(303, response.status());
            for (String name : new String[] {"access_token", "refresh_token"}) {
                Set<String> attributes = attributes(response.setCookie(name).orElseThrow());
                assertTrue(attributes.contains("httponly"), name + " " + attributes);
                assertTrue(attributes.contains("samesite=lax"), name + " " + attributes);
                assertTrue(attributes.contains("path=/"), name + " " + attributes);
                assertFalse(attributes.contains("secure"), name + " " + attributes);
                assertFalse(attributes.stream().anyMatch(a -> a.startsWith("domain=")), "host-only: " + attributes);
            }
            assertEquals(15 * 60, maxAge(response.setCookie("access_token").orElseThrow()), 2);
            assertEquals(14 * 24 * 3600, maxAge(response.setCookie("refresh_token").orElseThrow()), 2);
        }
    }

    @Test
    void token_cookies_are_secure_behind_a_trusted_proxy_that_says_https() {
        try (TestApp app = TestApp.builder().set("server.trusted-proxies", "127.0.0.1").start()) {
            app.createMember("alice", Role.MEMBER);
            TestClient client = app.client();
            TestClient.Response form = client.get("/login", "X-Forwarded-Proto", "https");
            // Over HTTPS every cookie has the __Host- prefix (issue 10): this host only, Secure, Path=/.
            String preSession = form.setCookie("__Host-pre_session").orElseThrow();
            assertTrue(attributes(preSession).contains("secure"), preSession);
            // The test talks plain http to the proxy's side, where a client keeps Secure cookies back: hand it over.
            client.setCookie("__Host-pre_session", preSession.substring("__Host-pre_session=".length(), preSession.indexOf(';')));

            TestClient.Response response = client.postForm("/login", Map.of("username", "alice", "password", TestApp.PASSWORD),
                    "X-Forwarded-Proto", "https");

            assertEquals(303, response.status());
            for (String name : new String[] {"__Host-access_token", "__Host-refresh_token"}) {
                Set<String> attributes = attributes(response.setCookie(name).orElseThrow());
                assertTrue(attributes.contains("secure"), name + " " + attributes);
                assertTrue(attributes.contains("httponly"), name + " " + attributes);
                assertTrue(attributes.contains("samesite=lax"), name + " " + attributes);
            }
        }
    }

    @Test
    void a_forwarded_proto_from_an_untrusted_peer_is_ignored() {
        try (TestApp app = TestApp.builder().set("server.trusted-proxies", "10.0.0.1").start()) {
            app.createMember("alice", Role.MEMBER);
            TestClient client = app.client();
            client.get("/login", "X-Forwarded-Proto", "https");

            TestClient.Response response = client.postForm("/login", Map.of("username", "alice", "password", TestApp.PASSWORD),
                    "X-Forwarded-Proto", "https");

            assertEquals(303, response.status());
            assertFalse(attributes(response.setCookie("access_token").orElseThrow()).contains("secure"));
        }
    }

    @Test
    void the_pre_session_cookie_for_anonymous_forms_is_http_only_and_lax_too() {
        try (TestApp app = TestApp.h2()) {
            TestClient.Response response = app.client().get("/login");

            Set<String> attributes = attributes(response.setCookie("pre_session").orElseThrow());
            assertTrue(attributes.contains("httponly"), attributes.toString());
            assertTrue(attributes.contains("samesite=lax"), attributes.toString());
            assertTrue(attributes.contains("path=/"), attributes.toString());
        }
    }

    static Set<String> attributes(String setCookie) {
        return Arrays.stream(setCookie.split(";")).skip(1).map(String::trim).map(a -> a.toLowerCase(Locale.ROOT))
                .map(a -> a.startsWith("expires=") ? "expires" : a)
                .collect(Collectors.toSet());
    }

    static long maxAge(String setCookie) {
        return Arrays.stream(setCookie.split(";")).map(String::trim)
                .filter(a -> a.toLowerCase(Locale.ROOT).startsWith("max-age="))
                .map(a -> Long.parseLong(a.substring("max-age=".length()))).findFirst().orElse(-1L);
    }
}
