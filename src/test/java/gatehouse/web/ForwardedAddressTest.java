package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.audit.AuditEntry;
import gatehouse.audit.AuditEvent;
import gatehouse.config.ConfigException;
import gatehouse.config.ConfigLoader;
import gatehouse.domain.Role;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** X-Forwarded-For from a trusted proxy: every line, right to left, IP literals only, never a name lookup. */
class ForwardedAddressTest {
    private static final String CLIENT = "203.0.113.7";
    private static final String LOGIN_JSON = "{\"username\":\"nobody\",\"password\":\"wrong-password-here\"}";

    @Test
    void a_forged_first_line_behind_a_proxy_that_appends_its_own_line_does_not_change_the_rate_limit_key() {
        try (TestApp app = TestApp.builder().clock(MutableClock.startingNow()).set("server.trusted-proxies", "127.0.0.1")
                .set("server.rate-limit-burst", "20").set("server.rate-limit-per-minute", "10").start()) {
            TestClient client = app.client();
            int limited = 0;
            for (int i = 0; i < 24; i++) {
                // HAProxy's "option forwardfor" adds a line of its own after whatever the client sent.
                TestClient.Response response = client.json("POST", "/api/v1/auth/login", LOGIN_JSON,
                        "X-Forwarded-For", "198.51.100." + i, "X-Forwarded-For", CLIENT);
                if (response.status() == 429) {
                    limited++;
                }
            }
            assertEquals(4, limited, "the 21st to 24th attempts of one client are refused, whatever it forges");
            List<AuditEntry> failures = app.services().auditDao().matching(null, null, AuditEvent.LOGIN_FAILURE, 100, 0);
            assertEquals(20, failures.size());
            assertTrue(failures.stream().allMatch(entry -> CLIENT.equals(entry.ip())), "the audit names the real client");
        }
    }

    @Test
    void a_100_character_forwarded_value_leaves_login_working_and_the_peer_is_recorded() {
        try (TestApp app = TestApp.builder().set("server.trusted-proxies", "127.0.0.0/8").start()) {
            var alice = app.createMember("alice", Role.MEMBER);
            TestClient client = app.client();
            String junk = "x".repeat(100);
            client.get("/login", "X-Forwarded-For", junk);

            TestClient.Response response = client.postForm("/login",
                    Map.of("username", "alice", "password", TestApp.PASSWORD), "X-Forwarded-For", junk);

            assertEquals(303, response.status(), response.body());
            List<AuditEntry> success = app.services().auditDao().matching(alice.id(), null, AuditEvent.LOGIN_SUCCESS, 10, 0);
            assertEquals("127.0.0.1", success.get(0).ip());
        }
    }

    @Test
    void a_name_is_never_taken_for_an_address_nor_looked_up() {
        var address = new ClientAddress(List.of("10.0.0.0/8"));
        // "localhost" would resolve; a lookup of the other name would hang on DNS. Both fall back to the peer.
        assertEquals("10.0.0.1", address.clientOf("10.0.0.1", List.of("localhost")));
        assertEquals("10.0.0.1", address.clientOf("10.0.0.1", List.of("gatehouse-test.invalid:80")));
        assertEquals("10.0.0.1", address.clientOf("10.0.0.1", List.of("203.0.113.7, not-an-address")));
    }

    @Test
    void the_right_most_address_that_is_not_a_trusted_proxy_is_the_client_in_canonical_form() {
        var address = new ClientAddress(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));
        assertEquals(CLIENT, address.clientOf("10.1.2.3", List.of("198.51.100.1, " + CLIENT + ", 10.9.9.9")));
        assertEquals(CLIENT, address.clientOf("10.1.2.3", List.of("198.51.100.1", CLIENT + ",10.9.9.9")));
        assertEquals("2001:db8::1", address.clientOf("2001:db8:ffff::5", List.of("2001:DB8:0:0:0:0:0:1")));
        assertEquals("203.0.113.8", address.clientOf("203.0.113.8", List.of("198.51.100.1")), "untrusted peer");
        assertEquals("10.1.2.3", address.clientOf("10.1.2.3", List.of("10.2.2.2")), "only proxies: the peer");
        assertEquals("10.1.2.3", address.clientOf("10.1.2.3", List.of("")), "an empty header: the peer");
    }

    @Test
    void a_trusted_proxy_must_be_an_address_or_a_range() {
        for (String bad : List.of("proxy.example", "10.0.0.0/33", "10.0.0.1:8080")) {
            Executable load = () -> ConfigLoader.load(Map.of("server.trusted-proxies", bad), Map.of());
            ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, load);
            assertTrue(e.getMessage().contains("server.trusted-proxies"), e.getMessage());
        }
    }
}
