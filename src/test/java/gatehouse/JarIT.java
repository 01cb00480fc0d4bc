package gatehouse;

import static gatehouse.testing.TestApp.PASSWORD;
import static gatehouse.testing.JarProcess.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.authsystem.AuthSystemFixture;
import gatehouse.config.ConfigLoader;
import gatehouse.testing.JarProcess;
import gatehouse.testing.TestClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, started with {@code java -jar} the way an operator starts it. */
class JarIT {
    @TempDir
    Path workDir;

    private final List<JarProcess> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(JarProcess::close);
    }

    /** Starts the jar in {@code workDir} with only the given GATEHOUSE_ variables (none inherited). */
    private JarProcess start(Map<String, String> environment, String stdin, String... args) {
        JarProcess jar = JarProcess.start(workDir, environment, stdin, args);
        started.add(jar);
        return jar;
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** SIGTERM, as a service manager sends it: the shutdown hook runs and the JVM ends. */
    private static void terminate(JarProcess jar) {
        int code = jar.stop();
        assertEquals(143, code, "ended by SIGTERM after the shutdown hook; stderr:\n" + jar.stderr());
        String log = jar.stderr();
        assertTrue(log.contains("stopping: finishing requests in flight"), log);
        assertTrue(log.contains("Javalin has stopped"), log);
        assertTrue(log.contains("stopped: requests finished, database pool closed"), "the pool was closed:\n" + log);
        assertNoStackTrace(log);
    }

    @Test
    void the_jar_serves_on_h2_with_generated_owner_only_keys_and_stops_cleanly_on_sigterm() throws Exception {
        Path dataDir = workDir.resolve("data");
        Instant launched = Instant.now();
        JarProcess jar = start(JarProcess.h2Environment(dataDir), null);
        TestClient client = new TestClient(jar.baseUrl());

        Duration startUp = Duration.between(launched, Instant.now());
        System.out.println("[jar-it] java -jar to first /health 200: " + startUp.toMillis() + " ms");

        TestClient.Response ready = client.get("/ready");
        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("READY"), ready.body());

        assertEquals("rwx------", mode(dataDir), "the data directory holds the database and the keys");
        assertEquals("rw-------", mode(dataDir.resolve("signing-key.pem")));
        assertEquals("rw-------", mode(dataDir.resolve("pepper.key")));
        assertTrue(Files.isRegularFile(dataDir.resolve("gatehouse.mv.db")), "the H2 file lives in the data directory");

        TestClient.Response login = client.get("/login");
        assertEquals(200, login.status());
        assertTrue(login.header("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(login.body().contains("<form") && login.body().contains("name=\"password\""), "precompiled template:\n" + login.body());
        assertTrue(login.body().contains("href=\"/static/app.css\""), login.body());
        TestClient.Response css = client.get("/static/app.css");
        assertEquals(200, css.status());
        assertTrue(css.header("Content-Type").orElseThrow().startsWith("text/css"));
        assertEquals(Files.readString(Path.of("static/app.css").toAbsolutePath()), css.body(), "static/ is served from the jar");
        TestClient.Response missing = client.get("/nothing-here");
        assertEquals(404, missing.status());
        assertTrue(missing.body().contains(missing.header("X-Request-Id").orElseThrow()));

        terminate(jar);
    }

    @Test
    void a_restart_on_the_same_data_dir_keeps_the_signing_key_and_the_database() throws Exception {
        Path dataDir = workDir.resolve("data");
        JarProcess first = start(JarProcess.h2Environment(dataDir), null);
        TestClient client = new TestClient(first.baseUrl());
        String jwks = client.get("/.well-known/jwks.json").body();
        String pepper = Files.readString(dataDir.resolve("pepper.key"));
        assertTrue(jwks.contains("\"kid\""), jwks);
        terminate(first);

        JarProcess second = start(JarProcess.h2Environment(dataDir), null);
        TestClient again = new TestClient(second.baseUrl());

        assertEquals(jwks, again.get("/.well-known/jwks.json").body());
        assertEquals(pepper, Files.readString(dataDir.resolve("pepper.key")));
        assertEquals(200, again.get("/ready").status());
        terminate(second);
    }

    @Test
    void a_bad_value_stops_the_start_with_exit_code_2_and_one_line_naming_it() throws Exception {
        Map<String, String> env = JarProcess.h2Environment(workDir.resolve("data"));
        env.put("GATEHOUSE_SERVER_PORT", "eighty");

        JarProcess jar = start(env, null);

        assertEquals(2, jar.waitForExit());
        assertEquals("gatehouse: config server.port=eighty: not a whole number\n", jar.stderr());
        assertEquals("", jar.stdout());
        assertFalse(Files.exists(workDir.resolve("data")), "nothing is created before the configuration is valid");
    }

    @Test
    void an_unknown_signing_algorithm_or_short_ttl_is_refused_the_same_way() throws Exception {
        Map<String, String> env = JarProcess.h2Environment(workDir.resolve("data"));
        env.put("GATEHOUSE_AUTH_SIGNING_ALGORITHM", "none");
        JarProcess algorithm = start(env, null);
        assertEquals(2, algorithm.waitForExit());
        assertEquals("gatehouse: config auth.signing-algorithm=none: must be RS256, ES256 or HS256\n", algorithm.stderr());

        Path file = workDir.resolve("gatehouse.properties");
        Files.writeString(file, "auth.access-token-ttl=15 minutes\n");
        JarProcess duration = start(JarProcess.h2Environment(workDir.resolve("data")), null, "--config", file.toString());
        assertEquals(2, duration.waitForExit());
        String line = duration.stderr();
        assertTrue(line.startsWith("gatehouse: config auth.access-token-ttl=15 minutes: "), line);
        assertEquals(1, line.lines().count(), line);
    }

    @Test
    void a_port_in_use_is_one_line_naming_server_port_and_exit_code_2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = JarProcess.h2Environment(workDir.resolve("data"));
            env.put("GATEHOUSE_SERVER_PORT", String.valueOf(taken.getLocalPort()));
            env.remove("GATEHOUSE_SERVER_HOST");

            JarProcess jar = start(env, null);

            assertEquals(2, jar.waitForExit());
            String stderr = jar.stderr();
            assertTrue(stderr.contains("gatehouse: config server.port=" + taken.getLocalPort() + ": cannot listen"), stderr);
            assertNoStackTrace(stderr);
        }
    }

    @Test
    void create_admin_reads_the_password_twice_from_standard_input_and_the_admin_can_log_in() throws Exception {
        Path dataDir = workDir.resolve("data");
        Path config = workDir.resolve("gatehouse.properties");
        Files.writeString(config, "data.dir=" + dataDir + "\nauth.bcrypt-cost=4\nserver.port=0\nserver.host=127.0.0.1\n");

        JarProcess create = start(Map.of(), PASSWORD + "\n" + PASSWORD + "\n", "--config", config.toString(),
                "create-admin", "--username", "Chief");

        assertEquals(0, create.waitForExit(), create.stderr());
        assertTrue(create.stdout().contains("created administrator chief"), create.stdout());
        assertEquals("ADMIN", roleInH2(dataDir, "chief"));

        JarProcess again = start(Map.of(), PASSWORD + "\n" + PASSWORD + "\n", "--config", config.toString(),
                "create-admin", "--username", "chief");
        assertEquals(0, again.waitForExit(), again.stderr());
        assertTrue(again.stdout().contains("promoted chief"), again.stdout());

        // The server started on the same files accepts the password: same pepper, same hash rules.
        JarProcess server = start(Map.of(), null, "--config", config.toString());
        TestClient browser = new TestClient(server.baseUrl());
        TestClient.Response login = browser.logIn("chief", PASSWORD);
        assertEquals(303, login.status(), login.body());
        assertEquals(200, browser.get("/me").status());
        terminate(server);
    }

    @Test
    void create_admin_with_two_different_passwords_fails_and_creates_nobody() throws Exception {
        Path dataDir = workDir.resolve("data");

        JarProcess create = start(JarProcess.h2Environment(dataDir), PASSWORD + "\n" + PASSWORD + "x\n", "create-admin", "--username", "chief");

        assertNotEquals(0, create.waitForExit());
        assertTrue(create.stderr().contains("the two passwords differ"), create.stderr());
        assertFalse(create.stdout().contains("created"), create.stdout());
        assertNoStackTrace(create.stderr());
        assertFalse(Files.exists(dataDir.resolve("gatehouse.mv.db")), "nothing was written");
    }

    @Test
    void create_admin_with_a_weak_password_says_why_and_fails() throws Exception {
        JarProcess create = start(JarProcess.h2Environment(workDir.resolve("data")), "password\npassword\n", "create-admin", "--username", "chief");

        assertNotEquals(0, create.waitForExit());
        assertTrue(create.stderr().contains("gatehouse: password: "), create.stderr());
        assertNoStackTrace(create.stderr());
        assertEquals(null, roleInH2(workDir.resolve("data"), "chief"));
    }

    @Test
    void create_admin_without_a_user_name_prints_the_usage_and_exits_2() throws Exception {
        JarProcess create = start(JarProcess.h2Environment(workDir.resolve("data")), "", "create-admin");

        assertEquals(2, create.waitForExit());
        assertTrue(create.stderr().startsWith("gatehouse: usage: create-admin --username NAME"), create.stderr());
        assertEquals(1, create.stderr().lines().count());
    }

    @Test
    void the_same_jar_migrates_and_serves_a_fresh_mariadb_database() throws Exception {
        String base = System.getenv("GATEHOUSE_TEST_MARIADB_URL");
        if (base == null || base.isBlank()) {
            System.out.println("[jar-it] SKIPPED: GATEHOUSE_TEST_MARIADB_URL is not set: the jar was not started against MariaDB");
            Assumptions.abort("GATEHOUSE_TEST_MARIADB_URL is not set");
        }
        String user = System.getenv().getOrDefault("GATEHOUSE_TEST_MARIADB_USER", "root");
        String password = System.getenv().getOrDefault("GATEHOUSE_TEST_MARIADB_PASSWORD", "");
        String server = base.replaceFirst("(jdbc:mariadb://[^/]+).*", "$1");
        String name = "jar_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(server + "/", user, password, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        try {
            Map<String, String> env = JarProcess.h2Environment(workDir.resolve("data"));
            env.put("GATEHOUSE_DB_URL", server + "/" + name);
            env.put("GATEHOUSE_DB_USER", user);
            env.put("GATEHOUSE_DB_PASSWORD", password);

            JarProcess jar = start(env, null);
            TestClient client = new TestClient(jar.baseUrl());

            assertEquals(200, client.get("/ready").status());
            assertTrue(jar.stderr().contains("(MariaDB database)"), jar.stderr());
            assertFalse(Files.exists(workDir.resolve("data/gatehouse.mv.db")), "no H2 file when MariaDB is configured");
            try (Connection connection = DriverManager.getConnection(server + "/" + name, user, password);
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
                assertTrue(rs.next(), "flyway_schema_history has the migration");
                assertEquals("1", rs.getString(1));
                assertTrue(rs.getBoolean(2));
            }
            terminate(jar);
        } finally {
            execute(server + "/", user, password, "DROP DATABASE IF EXISTS " + name);
        }
    }

    @Test
    void import_authsystem_from_the_jar_brings_the_members_over_and_fails_in_one_line() throws Exception {
        try (AuthSystemFixture source = AuthSystemFixture.load()) {
            Map<String, String> env = JarProcess.h2Environment(workDir.resolve("data"));
            List<String> command = new ArrayList<>(List.of("import-authsystem"));
            command.addAll(source.arguments(workDir.resolve("source.pw")));
            JarProcess imported = start(env, null, command.toArray(String[]::new));
            assertEquals(0, imported.waitForExit(), imported.stderr());
            assertTrue(imported.stdout().contains("Summary: read 5, imported 5, already imported 0, skipped 0"),
                    imported.stdout());

            JarProcess server = start(env, null);
            TestClient browser = new TestClient(server.baseUrl());
            String korean = AuthSystemFixture.samplePasswords().get("hana_k");
            assertEquals(303, browser.logIn("hana_k", korean).status(), "the original password works");

            JarProcess unreachable = start(env, null, "import-authsystem", "--url",
                    "jdbc:mariadb://127.0.0.1:1/?password=hunter2", "--user", "root",
                    "--password-file", workDir.resolve("source.pw").toString());
            assertEquals(1, unreachable.waitForExit());
            assertEquals("gatehouse: import-authsystem: cannot connect to the AuthSystem MariaDB at 127.0.0.1:1:"
                    + " Connection refused", unreachable.stderr().strip());
            terminate(server);
        }
    }

    /** The role of {@code username} in the H2 file database under {@code dataDir}, or null. */
    private static String roleInH2(Path dataDir, String username) throws SQLException {
        if (!Files.exists(dataDir.resolve("gatehouse.mv.db"))) {
            return null;
        }
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("gatehouse") + ConfigLoader.H2_OPTIONS;
        try (Connection connection = DriverManager.getConnection(url);
             var statement = connection.prepareStatement("SELECT role FROM users WHERE username = ?")) {
            statement.setString(1, username);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
