package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.oidc.Clients;
import gatehouse.domain.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/admin/clients}: register, list, show, rotate the secret and delete client applications. */
class ApiClientsTest {
    static final String CLIENTS = "/api/v1/admin/clients";

    private static String registration(String type) {
        return Api.JSON.createObjectNode()
                .put("name", "Wiki")
                .put("type", type)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("redirectUris", Api.JSON.valueToTree(List.of("https://wiki.example/callback")))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("postLogoutRedirectUris", Api.JSON.valueToTree(List.of("https://wiki.example/")))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("scopes", Api.JSON.valueToTree(List.of("openid", "profile")))
                .toString();
    }

    @Test
    void a_confidential_client_gets_its_secret_once_and_it_is_stored_hashed() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            var created = api.call("POST", CLIENTS, registration("confidential"), admin.access());
            assertEquals(201, created.status(), created.body());
            String clientId = created.text("clientId");
            String secret = created.text("clientSecret");
            assertTrue(secret.length() >= 43, secret);
            assertEquals(CLIENTS + "/" + clientId, created.header("Location").orElseThrow());
            assertEquals(List.of("openid", "profile"), List.of(created.json().path("scopes").get(0).asText(),
                    created.json().path("scopes").get(1).asText()));

            var shown = api.get(CLIENTS + "/" + clientId, admin.access());
            assertEquals(200, shown.status());
            assertFalse(shown.json().has("clientSecret"));
            assertEquals("confidential", shown.text("type"));
            assertEquals(1, api.get(CLIENTS, admin.access()).json().size());
            String stored = api.app().jdbi().withHandle(h -> h.createQuery("SELECT secret_hash FROM oauth_clients")
                    .mapTo(String.class).one());
            assertNotEquals(secret, stored);

            var clients = api.app().services().clients();
            assertTrue(clients.authenticate(clientId, secret).isPresent());
            assertTrue(clients.authenticate(clientId, secret + "x").isEmpty());
        }
    }

    @Test
    void rotating_the_secret_makes_the_old_one_useless() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            var created = api.call("POST", CLIENTS, registration("confidential"), admin.access());
            String clientId = created.text("clientId");
            var rotated = api.call("POST", CLIENTS + "/" + clientId + "/secret", null, admin.access());
            assertEquals(200, rotated.status(), rotated.body());
            var clients = api.app().services().clients();
            assertTrue(clients.authenticate(clientId, created.text("clientSecret")).isEmpty());
            assertTrue(clients.authenticate(clientId, rotated.text("clientSecret")).isPresent());
            long audited = api.app().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM audit_events WHERE type IN ('CLIENT_REGISTERED', 'CLIENT_SECRET_ROTATED')").mapTo(Long.class).one());
            assertEquals(2, audited);
        }
    }

    @Test
    void a_public_client_has_no_secret_and_cannot_get_one() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            var created = api.call("POST", CLIENTS, registration("public"), admin.access());
            assertEquals(201, created.status(), created.body());
            assertNull(created.text("clientSecret"));
            api.call("POST", CLIENTS + "/" + created.text("clientId") + "/secret", null, admin.access()).assertProblem(422);
        }
    }

    @Test
    void bad_registrations_name_every_field_at_fault_and_store_nothing() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            String bad = Api.json("name", "", "type", "secretive", "redirectUris", List.of("wiki.example/cb", "https://x.example/#f"),
                    "scopes", List.of("profile", "email"));
            var reply = api.call("POST", CLIENTS, bad, admin.access()).assertProblem(422);
            assertEquals(java.util.Set.of("name", "type", "redirectUris", "scopes"), java.util.Set.copyOf(reply.errorFields()));
            assertEquals(0, api.get(CLIENTS, admin.access()).json().size());
        }
    }

    @Test
    void members_may_not_manage_clients_and_unknown_clients_are_404() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            Api.Tokens member = api.member("alice", Role.MEMBER);
            api.call("POST", CLIENTS, registration("public"), member.access()).assertProblem(403);
            api.get(CLIENTS, member.access()).assertProblem(403);
            api.get(CLIENTS + "/nope", admin.access()).assertProblem(404);
            api.call("DELETE", CLIENTS + "/nope", null, admin.access()).assertProblem(404);
        }
    }

    @Test
    void deleting_a_client_removes_it() {
        try (Api api = Api.start()) {
            Api.Tokens admin = api.member("root", Role.ADMIN);
            String clientId = api.call("POST", CLIENTS, registration("public"), admin.access()).text("clientId");
            assertEquals(204, api.call("DELETE", CLIENTS + "/" + clientId, null, admin.access()).status());
            api.get(CLIENTS + "/" + clientId, admin.access()).assertProblem(404);
        }
    }
}
