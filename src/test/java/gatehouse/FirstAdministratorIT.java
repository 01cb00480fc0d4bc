package gatehouse;

import static gatehouse.testing.TestApp.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.testing.JarProcess;
import gatehouse.testing.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new operator's first minute: the setup link in the start-up log, or the bootstrap variables. */
class FirstAdministratorIT {
    private static final Pattern LINK = Pattern.compile("create the first one at (http://\\S+/setup\\?token=([A-Za-z0-9_-]{43}))");

    @TempDir
    Path workDir;

    private Map<String, String> environment() {
        return JarProcess.h2Environment(workDir.resolve("data"));
    }

    @Test
    void the_start_up_log_holds_a_one_time_link_that_creates_the_first_administrator() {
        String link;
        try (JarProcess server = JarProcess.start(workDir, environment(), null)) {
            String base = server.baseUrl();
            Matcher m = LINK.matcher(server.stderr());
            assertTrue(m.find(), server.stderr());
            link = m.group(1);
            assertTrue(link.startsWith(base + "/setup?token="), link);
            TestClient browser = new TestClient(base);
            assertEquals(200, browser.get(link.substring(base.length())).status());
            TestClient.Response created = browser.postForm("/setup", Map.of("token", m.group(2), "username", "chief",
                    "password", PASSWORD, "passwordConfirm", PASSWORD));
            assertEquals(200, created.status(), created.body());
            assertEquals(404, browser.get(link.substring(base.length())).status());
            assertEquals(303, new TestClient(base).logIn("chief", PASSWORD).status());
            server.stop();
        }
        try (JarProcess again = JarProcess.start(workDir, environment(), null)) {
            again.baseUrl();
            assertFalse(again.stderr().contains("/setup?token="), "no link once an administrator exists");
        }
    }

    @Test
    void the_bootstrap_variables_create_the_administrator_at_start_and_no_link_is_logged() throws Exception {
        Path passwordFile = Files.writeString(workDir.resolve("admin.pw"), PASSWORD + "\n");
        Map<String, String> env = environment();
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME", "robot");
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD_FILE", passwordFile.toString());

        try (JarProcess server = JarProcess.start(workDir, env, null)) {
            String base = server.baseUrl();

            assertTrue(server.stderr().contains("created the first administrator robot"), server.stderr());
            assertFalse(server.stderr().contains("/setup?token="), server.stderr());
            assertFalse(server.stderr().contains("is set but names no configuration key"), server.stderr());
            assertEquals(303, new TestClient(base).logIn("robot", PASSWORD).status());
        }
    }
}
