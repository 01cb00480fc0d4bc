package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.domain.Role;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Over HTTPS (here through a trusted proxy) every cookie is named __Host-...; over http the plain names stay. */
class HostCookiesTest {

    @Test
    void over_https_the_cookies_have_the_host_prefix_and_are_read_under_it() {
        try (TestApp app = TestApp.builder().set("server.trusted-proxies", "127.0.0.1").start()) {
            app.createMember("alice", Role.MEMBER);
            TestClient client = app.client();
            TestClient.Response form = client.get("/login", "X-Forwarded-Proto", "https");
            String pre = form.setCookie("__Host-pre_session").orElseThrow();
            assertTrue(pre.contains("Secure") && pre.contains("Path=/") && !pre.toLowerCase().contains("domain="), pre);
            // The test's side of the proxy is plain http: hand over the Secure cookie as the browser would send it.
            client.setCookie("__Host-pre_session", pre.substring(pre.indexOf('=') + 1, pre.indexOf(';')));

            TestClient.Response login = client.postForm("/login", Map.of("username", "alice", "password", TestApp.PASSWORD),
                    "X-Forwarded-Proto", "https");

            assertEquals(303, login.status(), login.body());
            for (String name : new String[] {"access_token", "refresh_token", "device_token"}) {
                assertTrue(login.setCookie("__Host-" + name).orElseThrow().contains("Secure"), name);
                assertFalse(login.setCookie(name).isPresent(), "no plain " + name + " over https");
            }
            String access = cookieValue(login, "__Host-access_token");
            TestClient browser = app.client();
            browser.setCookie("__Host-access_token", access);
            assertEquals(200, browser.get("/me", "X-Forwarded-Proto", "https").status(), "read under the prefixed name");

            TestClient planted = app.client();
            planted.setCookie("access_token", access);
            assertEquals(303, planted.get("/me", "X-Forwarded-Proto", "https").status(),
                    "over https a plain cookie (which a sibling subdomain could plant) is not read");
        }
    }

    @Test
    void over_http_the_plain_names_stay_for_local_development() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient client = app.client();
            client.get("/login");
            TestClient.Response login = client.postForm("/login", Map.of("username", "alice", "password", TestApp.PASSWORD));
            assertTrue(login.setCookie("access_token").isPresent());
            assertFalse(login.setCookie("__Host-access_token").isPresent());
        }
    }

    private static String cookieValue(TestClient.Response response, String name) {
        String header = response.setCookie(name).orElseThrow();
        return header.substring(name.length() + 1, header.indexOf(';'));
    }
}
