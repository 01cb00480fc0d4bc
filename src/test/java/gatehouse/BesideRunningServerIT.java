package gatehouse;

import static gatehouse.testing.TestApp.PASSWORD;
import static gatehouse.testing.JarProcess.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.authsystem.AuthSystemFixture;
import gatehouse.token.KeyFiles;
import gatehouse.testing.Eventually;
import gatehouse.testing.JarProcess;
import gatehouse.testing.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands run beside a server that holds the embedded H2 database open (H2's mixed mode): what they
 * write is served by the running server at once, without a restart, and a backup is taken while it serves.
 */
class BesideRunningServerIT {

    @TempDir
    Path workDir;

    private Map<String, String> environment() {
        return JarProcess.h2Environment(workDir.resolve("data"));
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

    @Test
    void a_backup_taken_while_members_sign_up_restores_into_a_new_data_dir_where_they_log_in() throws Exception {
        Map<String, String> env = environment();
        env.put("GATEHOUSE_SERVER_RATE_LIMIT_BURST", "100000");
        Path zip = workDir.resolve("backup.zip");
        List<String> before;
        List<String> confirmed = new CopyOnWriteArrayList<>();
        try (JarProcess server = JarProcess.start(workDir, env, null)) {
            String url = server.baseUrl();
            AtomicBoolean stop = new AtomicBoolean();
            Thread signups = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    TestClient visitor = new TestClient(url);
                    visitor.get("/signup");
                    String name = "member" + i;
                    if (visitor.postForm("/signup", Map.of("username", name, "password", PASSWORD, "passwordConfirm", PASSWORD,
                            "name", "Member " + i, "nickname", "m" + i, "consent", "on")).status() == 303) {
                        confirmed.add(name);
                    }
                }
            });
            signups.start();
            try {
                Eventually.within(Duration.ofSeconds(60), "the first sign-ups", () -> confirmed.size() >= 3);
                before = List.copyOf(confirmed);

                JarProcess backup = JarProcess.start(workDir, env, null, "backup", "--to", zip.toString());

                assertEquals(0, backup.waitForExit(), backup.stderr());
                assertTrue(backup.stdout().contains("keep copies of the pepper file"), backup.stdout());
                assertTrue(confirmed.size() > before.size(), "members went on signing up during the backup");
                JarProcess refused = JarProcess.start(workDir, env, null, "restore", "--from", zip.toString());
                assertEquals(1, refused.waitForExit());
                assertTrue(refused.stderr().startsWith("gatehouse: restore: a Gatehouse (or another program) has "),
                        refused.stderr());
                assertEquals(1, refused.stderr().lines().count(), refused.stderr());
            } finally {
                stop.set(true);
                signups.join();
            }
        }

        // A new machine: the operator puts back the key and pepper files kept apart, then restores.
        Path newDataDir = workDir.resolve("restored");
        KeyFiles.createPrivateDirectory(newDataDir);
        for (String keyFile : List.of("pepper.key", "signing-key.pem")) {
            Files.copy(workDir.resolve("data").resolve(keyFile), newDataDir.resolve(keyFile));
        }
        Map<String, String> restoredEnv = environment();
        restoredEnv.put("GATEHOUSE_DATA_DIR", newDataDir.toString());
        JarProcess restore = JarProcess.start(workDir, restoredEnv, null, "restore", "--from", zip.toString());
        assertEquals(0, restore.waitForExit(), restore.stderr());
        assertTrue(restore.stdout().contains("members)"), restore.stdout());
        assertNoStackTrace(restore.stderr());

        try (JarProcess server = JarProcess.start(workDir, restoredEnv, null)) {
            String url = server.baseUrl();
            for (String member : before) {
                assertEquals(303, new TestClient(url).logIn(member, PASSWORD).status(), member);
            }
        }
    }
}
