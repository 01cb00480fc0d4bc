package gatehouse.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.audit.AuditEvent;
import gatehouse.domain.Role;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** OWASP device cookies: guessing from elsewhere cannot lock a member out of their own browser or client. */
class DeviceTokenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void guess(TestApp app, String username, int times) {
        TestClient attacker = app.client();
        attacker.get("/login");
        for (int i = 0; i < times; i++) {
            assertEquals(401, attacker.postForm("/login", Map.of("username", username, "password", "guess-" + i)).status());
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_members_own_browser_logs_in_during_a_guessing_run_from_another_client(String database) {
        try (TestApp app = TestApp.builder().database(database).clock(MutableClock.startingNow()).start()) {
            User alice = app.createMember("alice", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");
            assertTrue(browser.cookie("device_token").isPresent(), "a login leaves a device token");
            browser.postForm("/logout", Map.of());

            guess(app, "alice", 8);

            assertEquals(401, app.client().logIn("alice", TestApp.PASSWORD).status(), "a new client waits, as before");
            assertEquals(303, browser.logIn("alice", TestApp.PASSWORD).status(), "her own browser does not");
            var audit = app.services().auditDao();
            assertTrue(audit.countMatching(alice.id(), null, AuditEvent.ACCOUNT_LOCKED) >= 1);
            var logins = audit.matching(alice.id(), null, AuditEvent.LOGIN_SUCCESS, 10, 0);
            assertEquals("from a trusted device", logins.get(0).detail());
            assertEquals("new device token", logins.get(1).detail());
            assertTrue(app.users().credentials(alice.id()).orElseThrow().isLocked(app.clock().instant()),
                    "her login does not lift the lock the guesses earned");
        }
    }

    @Test
    void a_device_is_throttled_by_its_own_failures_only_and_a_token_of_another_member_counts_for_nothing() {
        try (TestApp app = TestApp.builder().clock(MutableClock.startingNow()).start()) {
            User alice = app.createMember("alice", Role.MEMBER);
            app.createMember("bob1", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");
            String aliceToken = browser.cookie("device_token").orElseThrow();
            browser.postForm("/logout", Map.of());
            for (int i = 0; i < 6; i++) {
                browser.postForm("/login", Map.of("username", "alice", "password", "typo-" + i));
            }

            assertEquals(401, browser.logIn("alice", TestApp.PASSWORD).status(), "this device waits now");
            assertEquals(1, app.services().auditDao().countMatching(alice.id(), null, AuditEvent.DEVICE_LOCKED));
            assertEquals(0, app.users().credentials(alice.id()).orElseThrow().failedLogins(), "the account is untouched");
            assertEquals(303, app.client().logIn("alice", TestApp.PASSWORD).status(), "another client is not slowed");

            guess(app, "bob1", 8);
            TestClient stolen = app.client();
            stolen.setCookie("device_token", aliceToken);
            assertEquals(401, stolen.logIn("bob1", TestApp.PASSWORD).status(), "alice's token is no token for bob");
        }
    }

    @Test
    void an_api_client_gets_a_device_token_and_sending_it_back_gets_past_the_account_lock() throws Exception {
        try (TestApp app = TestApp.builder().clock(MutableClock.startingNow()).start()) {
            app.createMember("alice", Role.MEMBER);
            TestClient client = app.client();
            JsonNode first = JSON.readTree(client.json("POST", "/api/v1/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + TestApp.PASSWORD + "\"}").body());
            String device = first.path("deviceToken").asText();
            assertFalse(device.isEmpty(), first.toString());

            guess(app, "alice", 8);

            String without = "{\"username\":\"alice\",\"password\":\"" + TestApp.PASSWORD + "\"}";
            assertEquals(401, client.json("POST", "/api/v1/auth/login", without).status());
            String with = "{\"username\":\"alice\",\"password\":\"" + TestApp.PASSWORD + "\",\"deviceToken\":\"" + device + "\"}";
            TestClient.Response again = client.json("POST", "/api/v1/auth/login", with);
            assertEquals(200, again.status(), again.body());
            assertEquals(device, JSON.readTree(again.body()).path("deviceToken").asText(), "the same device keeps its token");
        }
    }

    @Test
    void an_administrator_with_a_second_factor_also_logs_in_from_their_device_while_the_account_is_locked() {
        try (TestApp app = TestApp.builder().clock(MutableClock.startingNow()).start()) {
            app.createMember("root1", Role.ADMIN);
            TestClient browser = app.loggedIn("root1");
            browser.postForm("/logout", Map.of());

            guess(app, "root1", 8);

            assertEquals(303, browser.logIn("root1", TestApp.PASSWORD).status());
            assertEquals(200, browser.get("/admin/users").status());
        }
    }

    @Test
    void device_tokens_can_be_turned_off() {
        try (TestApp app = TestApp.builder().set("auth.device-token-days", "0").start()) {
            app.createMember("alice", Role.MEMBER);
            TestClient browser = app.loggedIn("alice");
            assertFalse(browser.cookie("device_token").isPresent());
        }
    }
}
