package gatehouse;

import gatehouse.testing.TestApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.authsystem.AuthSystemFixture;
import gatehouse.config.ConfigLoader;
import gatehouse.testing.Eventually;
import gatehouse.testing.TestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, started with {@code java -jar} the way an operator starts it. */
class JarIT {
    private static final Pattern SERVING = Pattern.compile("Gatehouse serves on http://[^:]+:(\\d+)");
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final String PASSWORD = TestApp.PASSWORD;

    @TempDir
    Path workDir;

    private final List<Jar> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Jar jar : started) {
            if (jar.process.isAlive()) {
                jar.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Path jarFile() {
        String path = System.getProperty("gatehouse.jar", "target/gatehouse.jar");
        Path jar = Path.of(path).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar + " (run mvn verify)");
        return jar;
    }

    /** A running (or finished) {@code java -jar gatehouse.jar}, its output collected as it comes. */
    private static final class Jar {
        final Process process;
        final Instant startedAt = Instant.now();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        private final List<Thread> pumps = new ArrayList<>();

        Jar(Process process) {
            this.process = process;
            pumps.add(pump(process.getInputStream(), out));
            pumps.add(pump(process.getErrorStream(), err));
        }

        private static Thread pump(InputStream from, OutputStream to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = from.read(buffer)) >= 0; ) {
                        synchronized (to) {
                            to.write(buffer, 0, n);
                        }
                    }
                } catch (IOException closed) {
                    // The process ended.
                }
            });
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        String stdout() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        String stderr() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        int waitForExit() throws InterruptedException {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not end; stderr:\n" + stderr());
            // The pumps end at end of stream: after that, all output has been collected.
            for (Thread pump : pumps) {
                pump.join(5000);
            }
            return process.exitValue();
        }

        /** The port from the start-up log line, once it appears. */
        int port() {
            int[] port = new int[1];
            Eventually.within(START_DEADLINE, "the start-up line", () -> {
                assertTrue(process.isAlive(), "the server ended before it served; stderr:\n" + stderr());
                Matcher m = SERVING.matcher(stderr() + stdout());
                if (!m.find()) {
                    return false;
                }
                port[0] = Integer.parseInt(m.group(1));
                return true;
            });
            return port[0];
        }
    }

    /** Starts the jar in {@code workDir} with only the given GATEHOUSE_ variables (none inherited). */
    private Jar start(Map<String, String> environment, String stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jarFile().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().putAll(environment);
        Jar jar = new Jar(builder.start());
        started.add(jar);
        try (OutputStream in = jar.process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private Map<String, String> h2Environment(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("GATEHOUSE_DATA_DIR", dataDir.toString());
        env.put("GATEHOUSE_SERVER_PORT", "0");
        env.put("GATEHOUSE_SERVER_HOST", "127.0.0.1");
        env.put("GATEHOUSE_AUTH_BCRYPT_COST", "4");
        return env;
    }

    /** Polls {@code /health} until it answers 200; returns the time from process start. */
    private static Duration waitUntilHealthy(Jar jar, TestClient client) {
        Eventually.within(START_DEADLINE, "/health to answer 200; stderr:\n" + jar.stderr(), () -> {
            try {
                return client.get("/health").status() == 200;
            } catch (java.io.UncheckedIOException notYet) {
                return false;
            }
        });
        return Duration.between(jar.startedAt, Instant.now());
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** SIGTERM, as a service manager sends it: the shutdown hook runs and the JVM ends. */
    private static void terminate(Jar jar) throws InterruptedException {
        // Process.destroy() would also close our ends of the pipes, losing what the shutdown hook logs.
        assertTrue(jar.process.toHandle().destroy(), "SIGTERM sent");
        int code = jar.waitForExit();
        assertEquals(143, code, "ended by SIGTERM after the shutdown hook; stderr:\n" + jar.stderr());
        String log = jar.stderr();
        assertTrue(log.contains("stopping: finishing requests in flight"), log);
        assertTrue(log.contains("Javalin has stopped"), log);
        assertTrue(log.contains("stopped: requests finished, database pool closed"), "the pool was closed:\n" + log);
        assertNoStackTrace(log);
    }

    private static void assertNoStackTrace(String text) {
        assertFalse(text.contains("\tat "), text);
        assertFalse(text.contains("Exception"), text);
    }

    @Test
    void the_jar_serves_on_h2_with_generated_owner_only_keys_and_stops_cleanly_on_sigterm() throws Exception {
        Path dataDir = workDir.resolve("data");
        Jar jar = start(h2Environment(dataDir), null);
        TestClient client = new TestClient("http://127.0.0.1:" + jar.port());

        Duration startUp = waitUntilHealthy(jar, client);
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
        Jar first = start(h2Environment(dataDir), null);
        TestClient client = new TestClient("http://127.0.0.1:" + first.port());
        waitUntilHealthy(first, client);
        String jwks = client.get("/.well-known/jwks.json").body();
        String pepper = Files.readString(dataDir.resolve("pepper.key"));
        assertTrue(jwks.contains("\"kid\""), jwks);
        terminate(first);

        Jar second = start(h2Environment(dataDir), null);
        TestClient again = new TestClient("http://127.0.0.1:" + second.port());
        waitUntilHealthy(second, again);

        assertEquals(jwks, again.get("/.well-known/jwks.json").body());
        assertEquals(pepper, Files.readString(dataDir.resolve("pepper.key")));
        assertEquals(200, again.get("/ready").status());
        terminate(second);
    }

    @Test
    void a_bad_value_stops_the_start_with_exit_code_2_and_one_line_naming_it() throws Exception {
        Map<String, String> env = h2Environment(workDir.resolve("data"));
        env.put("GATEHOUSE_SERVER_PORT", "eighty");

        Jar jar = start(env, null);

        assertEquals(2, jar.waitForExit());
        assertEquals("gatehouse: config server.port=eighty: not a whole number\n", jar.stderr());
        assertEquals("", jar.stdout());
        assertFalse(Files.exists(workDir.resolve("data")), "nothing is created before the configuration is valid");
    }

    @Test
    void an_unknown_signing_algorithm_or_short_ttl_is_refused_the_same_way() throws Exception {
        Map<String, String> env = h2Environment(workDir.resolve("data"));
        env.put("GATEHOUSE_AUTH_SIGNING_ALGORITHM", "none");
        Jar algorithm = start(env, null);
        assertEquals(2, algorithm.waitForExit());
        assertEquals("gatehouse: config auth.signing-algorithm=none: must be RS256, ES256 or HS256\n", algorithm.stderr());

        Path file = workDir.resolve("gatehouse.properties");
        Files.writeString(file, "auth.access-token-ttl=15 minutes\n");
        Jar duration = start(h2Environment(workDir.resolve("data")), null, "--config", file.toString());
        assertEquals(2, duration.waitForExit());
        String line = duration.stderr();
        assertTrue(line.startsWith("gatehouse: config auth.access-token-ttl=15 minutes: "), line);
        assertEquals(1, line.lines().count(), line);
    }

    @Test
    void a_port_in_use_is_one_line_naming_server_port_and_exit_code_2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = h2Environment(workDir.resolve("data"));
            env.put("GATEHOUSE_SERVER_PORT", String.valueOf(taken.getLocalPort()));
            env.remove("GATEHOUSE_SERVER_HOST");

            Jar jar = start(env, null);

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

        Jar create = start(Map.of(), PASSWORD + "\n" + PASSWORD + "\n", "--config", config.toString(),
                "create-admin", "--username", "Chief");

        assertEquals(0, create.waitForExit(), create.stderr());
        assertTrue(create.stdout().contains("created administrator chief"), create.stdout());
        assertEquals("ADMIN", roleInH2(dataDir, "chief"));

        Jar again = start(Map.of(), PASSWORD + "\n" + PASSWORD + "\n", "--config", config.toString(),
                "create-admin", "--username", "chief");
        assertEquals(0, again.waitForExit(), again.stderr());
        assertTrue(again.stdout().contains("promoted chief"), again.stdout());

        // The server started on the same files accepts the password: same pepper, same hash rules.
        Jar server = start(Map.of(), null, "--config", config.toString());
        TestClient browser = new TestClient("http://127.0.0.1:" + server.port());
        waitUntilHealthy(server, browser);
        TestClient.Response login = browser.logIn("chief", PASSWORD);
        assertEquals(303, login.status(), login.body());
        assertEquals(200, browser.get("/me").status());
        terminate(server);
    }

    @Test
    void create_admin_with_two_different_passwords_fails_and_creates_nobody() throws Exception {
        Path dataDir = workDir.resolve("data");

        Jar create = start(h2Environment(dataDir), PASSWORD + "\n" + PASSWORD + "x\n", "create-admin", "--username", "chief");

        assertNotEquals(0, create.waitForExit());
        assertTrue(create.stderr().contains("the two passwords differ"), create.stderr());
        assertFalse(create.stdout().contains("created"), create.stdout());
        assertNoStackTrace(create.stderr());
        assertFalse(Files.exists(dataDir.resolve("gatehouse.mv.db")), "nothing was written");
    }

    @Test
    void create_admin_with_a_weak_password_says_why_and_fails() throws Exception {
        Jar create = start(h2Environment(workDir.resolve("data")), "password\npassword\n", "create-admin", "--username", "chief");

        assertNotEquals(0, create.waitForExit());
        assertTrue(create.stderr().contains("gatehouse: password: "), create.stderr());
        assertNoStackTrace(create.stderr());
        assertEquals(null, roleInH2(workDir.resolve("data"), "chief"));
    }

    @Test
    void create_admin_without_a_user_name_prints_the_usage_and_exits_2() throws Exception {
        Jar create = start(h2Environment(workDir.resolve("data")), "", "create-admin");

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
            Map<String, String> env = h2Environment(workDir.resolve("data"));
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            env.put("GATEHOUSE_SERVER_PORT", String.valueOf(port));
            env.put("GATEHOUSE_DB_URL", server + "/" + name);
            env.put("GATEHOUSE_DB_USER", user);
            env.put("GATEHOUSE_DB_PASSWORD", password);

            Jar jar = start(env, null);
            TestClient client = new TestClient("http://127.0.0.1:" + port);
            waitUntilHealthy(jar, client);

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
            Map<String, String> env = h2Environment(workDir.resolve("data"));
            List<String> command = new ArrayList<>(List.of("import-authsystem"));
            command.addAll(source.arguments(workDir.resolve("source.pw")));
            Jar imported = start(env, null, command.toArray(String[]::new));
            assertEquals(0, imported.waitForExit(), imported.stderr());
            assertTrue(imported.stdout().contains("Summary: read 5, imported 5, already imported 0, skipped 0"),
                    imported.stdout());

            Jar server = start(env, null);
            TestClient browser = new TestClient("http://127.0.0.1:" + server.port());
            waitUntilHealthy(server, browser);
            String korean = AuthSystemFixture.samplePasswords().get("hana_k");
            assertEquals(303, browser.logIn("hana_k", korean).status(), "the original password works");

            Jar unreachable = start(env, null, "import-authsystem", "--url",
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
