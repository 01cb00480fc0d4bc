package gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.authsystem.AuthSystemFixture;
import gatehouse.testing.JarProcess;
import gatehouse.testing.TestClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands run beside a server that holds the embedded H2 database open (H2's mixed mode): what they
 * write is served by the running server at once, without a restart.
 */
class BesideRunningServerIT {
    private static final String PASSWORD = "violet-harbor-lantern-92";

    @TempDir
    Path workDir;

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("GATEHOUSE_DATA_DIR", workDir.resolve("data").toString());
        env.put("GATEHOUSE_SERVER_PORT", "0");
        env.put("GATEHOUSE_SERVER_HOST", "127.0.0.1");
        env.put("GATEHOUSE_AUTH_BCRYPT_COST", "4");
        return env;
    }

    private static void assertNoStackTrace(String text) {
        assertFalse(text.contains("\tat "), text);
        assertFalse(text.contains("Exception"), text);
    }

    @Test
    void create_admin_beside_the_running_server_and_the_admin_logs_in_through_it() {
        try (JarProcess server = JarProcess.start(workDir, environment(), null)) {
            TestClient browser = new TestClient(server.baseUrl());

            JarProcess create = JarProcess.start(workDir, environment(), PASSWORD + "\n" + PASSWORD + "\n",
                    "create-admin", "--username", "Chief");

            assertEquals(0, create.waitForExit(), create.stderr());
            assertTrue(create.stdout().contains("created administrator chief"), create.stdout());
            assertNoStackTrace(create.stderr());
            TestClient.Response login = browser.logIn("chief", PASSWORD);
            assertEquals(303, login.status(), login.body());
            assertEquals(200, browser.get("/me").status());
            TestClient.Response admin = browser.get("/admin/users");
            assertEquals(303, admin.status(), "an administrator enrols a second factor first");
            assertEquals("/me/second-factor?for=admin", admin.location());
        }
    }

    @Test
    void import_authsystem_beside_the_running_server_and_the_members_log_in_through_it() {
        try (AuthSystemFixture source = AuthSystemFixture.load();
             JarProcess server = JarProcess.start(workDir, environment(), null)) {
            String url = server.baseUrl();
            List<String> command = new ArrayList<>(List.of("import-authsystem"));
            command.addAll(source.arguments(workDir.resolve("source.pw")));

            JarProcess imported = JarProcess.start(workDir, environment(), null, command.toArray(String[]::new));

            assertEquals(0, imported.waitForExit(), imported.stderr());
            assertTrue(imported.stdout().contains("Summary: read 5, imported 5"), imported.stdout());
            assertNoStackTrace(imported.stderr());
            for (var member : AuthSystemFixture.samplePasswords().entrySet()) {
                TestClient browser = new TestClient(url);
                assertEquals(303, browser.logIn(member.getKey(), member.getValue()).status(), member.getKey());
            }
        }
    }
}
