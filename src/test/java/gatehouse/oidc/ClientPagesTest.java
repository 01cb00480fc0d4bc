package gatehouse.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The administrators' application pages, and the member's page of applications they allowed. */
class ClientPagesTest {
    private static final Pattern SECRET = Pattern.compile("id=\"client-secret\">([^<]+)<");
    private static final Pattern CLIENT_ID = Pattern.compile("/admin/clients/([A-Za-z0-9_-]+)/secret");

    private static Map<String, String> registration(String name) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("type", "confidential");
        form.put("redirectUris", "https://wiki.example/callback\r\nhttps://wiki.example/other");
        form.put("postLogoutRedirectUris", "");
        form.put("scopes", "openid");
        return form;
    }

    @Test
    void an_administrator_registers_an_application_sees_its_secret_once_rotates_it_and_deletes_it() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("root", Role.ADMIN);
            TestClient admin = app.loggedIn("root");
            var created = admin.postForm("/admin/clients", registration("Team wiki"));
            assertEquals(201, created.status(), created.body());
            Matcher secret = SECRET.matcher(created.body());
            assertTrue(secret.find());
            var clients = app.services().clients();
            Client wiki = clients.list().get(0);
            assertEquals(2, wiki.redirectUriList().size());
            assertTrue(clients.authenticate(wiki.clientId(), secret.group(1)).isPresent());

            var list = admin.get("/admin/clients");
            assertTrue(list.body().contains("Team wiki"));
            assertFalse(list.body().contains(secret.group(1)), "the secret is shown once only");
            Matcher id = CLIENT_ID.matcher(list.body());
            assertTrue(id.find());

            var rotated = admin.postForm("/admin/clients/" + id.group(1) + "/secret", Map.of());
            Matcher second = SECRET.matcher(rotated.body());
            assertTrue(second.find());
            assertTrue(clients.authenticate(wiki.clientId(), secret.group(1)).isEmpty());

            assertEquals(303, admin.postForm("/admin/clients/" + id.group(1) + "/delete", Map.of()).status());
            assertTrue(clients.list().isEmpty());
        }
    }

    @Test
    void a_bad_registration_comes_back_with_messages_and_the_entered_values() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("root", Role.ADMIN);
            TestClient admin = app.loggedIn("root");
            var form = registration("Team wiki");
            form.put("redirectUris", "not a url");
            var response = admin.postForm("/admin/clients", form);
            assertEquals(422, response.status());
            assertTrue(response.body().contains("not a url"));
            assertTrue(response.body().contains("Team wiki"));
        }
    }

    @Test
    void rotating_the_secret_of_a_public_application_is_the_plain_400_page() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("root", Role.ADMIN);
            TestClient admin = app.loggedIn("root");
            var form = registration("Phone app");
            form.put("type", "public");
            var created = admin.postForm("/admin/clients", form);
            assertEquals(201, created.status(), created.body());
            String clientId = app.services().clients().list().get(0).clientId();

            // No form sends this (a public client has no secret): the service's ValidationException reaches Errors.
            var refused = admin.postForm("/admin/clients/" + clientId + "/secret", Map.of());

            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.contentType().startsWith("text/html"), refused.contentType());
            assertTrue(refused.body().contains(refused.header("X-Request-Id").orElseThrow()), refused.body());
            assertFalse(refused.body().contains("Exception") || refused.body().contains("\tat "), refused.body());
        }
    }

    @Test
    void members_cannot_reach_the_application_pages_and_forms_need_the_csrf_token() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("root", Role.ADMIN);
            app.createMember("alice", Role.MEMBER);
            assertEquals(403, app.loggedIn("alice").get("/admin/clients").status());
            var noToken = new LinkedHashMap<>(registration("Sneaky"));
            noToken.put("_csrf", "");
            assertEquals(403, app.loggedIn("root").postForm("/admin/clients", noToken).status());
        }
    }

    @Test
    void a_member_sees_the_applications_they_allowed_and_withdrawing_ends_the_applications_access() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            var rp = RelyingParty.register(app, "confidential", null);
            TestClient alice = app.loggedIn("alice");
            assertTrue(alice.get("/me/applications").body().contains("id=\"no-applications\""));
            var tokens = rp.exchange(rp.code(alice, Map.of()), null);
            assertEquals(200, rp.userInfo(tokens.text("access_token")).status());

            var page = alice.get("/me/applications");
            assertTrue(page.body().contains(rp.client.name()), page.body());
            assertEquals(303, alice.postForm("/me/applications/" + rp.client.clientId() + "/withdraw", Map.of()).status());
            assertEquals(401, rp.userInfo(tokens.text("access_token")).status());
            var again = alice.get(rp.authorizePath(Map.of()));
            assertTrue(again.body().contains("/oauth2/consent"), "asked again");
        }
    }
}
