package gatehouse.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Gatehouse against openid-client (npm), a certified relying-party library nobody here wrote: discovery,
 * code + PKCE, the library's own ID-token validation, userinfo, refresh and revocation. Needs node and
 * {@code npm ci} in {@link #DIR} (.ci/run does it); without them the test fails, it never skips.
 */
class OpenIdClientTest {
    static final Path DIR = Path.of("src", "test", "node", "openid-client");
    private static final String REDIRECT = "http://127.0.0.1:9/callback";

    @Test
    void openid_client_logs_a_member_in_validates_the_id_token_refreshes_reads_userinfo_and_revokes() throws Exception {
        if (!Files.isDirectory(DIR.resolve("node_modules/openid-client"))) {
            fail("openid-client is not installed: run `npm ci` in " + DIR + " (.ci/run does)");
        }
        try (TestApp app = TestApp.builder().reachableIssuer().start()) {
            app.createMember("alice", Role.MEMBER);
            var clients = app.services().clients();
            var rp = clients.register(null, new ClientRequest("Node app", "confidential", List.of(REDIRECT), List.of(),
                    null, false), "127.0.0.1");
            Process node = new ProcessBuilder("node", "relying-party.mjs", app.config().server().publicUrl(),
                    rp.client().clientId(), rp.clientSecret(), REDIRECT).directory(DIR.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                 Writer in = node.outputWriter(StandardCharsets.UTF_8)) {
                String authorizationUrl = json(out).path("authorizationUrl").asText();
                assertTrue(authorizationUrl.startsWith(app.baseUrl() + "/oauth2/authorize?"), authorizationUrl);

                // The browser: logs in through the login page it is sent to, consents, lands on the callback.
                TestClient browser = app.client();
                String path = authorizationUrl.substring(app.baseUrl().length());
                String login = browser.get(path).location();
                assertTrue(login.startsWith("/login?next="), login);
                browser.get(login);
                var loggedIn = browser.postForm("/login", Map.of("username", "alice", "password", TestApp.PASSWORD, "next", path));
                assertEquals(path, loggedIn.location());
                var consent = browser.get(path);
                var request = consent.body().split("name=\"request\" value=\"")[1].split("\"")[0].replace("&amp;", "&");
                String callback = browser.postForm("/oauth2/consent", Map.of("request", request, "decision", "allow")).location();
                assertTrue(callback.startsWith(REDIRECT + "?code="), callback);
                in.write(callback + "\n");
                in.flush();

                JsonNode result = json(out);
                assertEquals(app.config().server().publicUrl(), result.path("issuer").asText());
                assertEquals("alice", result.path("claims").path("preferred_username").asText());
                assertEquals(rp.client().clientId(), result.path("claims").path("aud").asText());
                assertEquals("Name alice", result.path("userinfo").path("name").asText());
                assertEquals(result.path("claims").path("sub").asText(), result.path("refreshedSub").asText());
                assertTrue(result.path("refreshRotated").asBoolean());
                assertEquals("invalid_grant", result.path("afterRevocation").asText());
            } finally {
                if (!node.waitFor(20, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            }
            assertEquals(0, node.exitValue());
        }
    }

    private static JsonNode json(BufferedReader out) throws IOException {
        String line = out.readLine();
        if (line == null) {
            fail("the node relying party ended early (its error is in the test output)");
        }
        return RelyingParty.JSON.readTree(line);
    }
}
