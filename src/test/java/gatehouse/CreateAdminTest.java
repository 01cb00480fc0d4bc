package gatehouse;

import static gatehouse.testing.TestApp.NEW_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.Passwords;
import gatehouse.account.User;
import gatehouse.audit.AuditEvent;
import gatehouse.config.Config;
import gatehouse.config.ConfigLoader;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.token.KeyFiles;
import gatehouse.domain.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code create-admin} with the password on standard input (two lines), as a script or a container
 * entry point would run it. The test lives in {@code gatehouse} because the command is package-private.
 */
class CreateAdminTest {

    @TempDir
    Path dataDir;

    private final InputStream originalIn = System.in;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.h2();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setIn(originalIn);
        System.setOut(originalOut);
        System.setErr(originalErr);
        app.close();
    }

    /** The command's configuration: the test app's database, keys and pepper under a temporary data dir. */
    private Config config() {
        return ConfigLoader.load(Map.of(
                "db.url", app.database().settings().url(),
                "data.dir", dataDir.toString(),
                "auth.bcrypt-cost", "4"), Map.of());
    }

    private int createAdmin(String username, String input) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return CreateAdmin.run(config(), username);
    }

    /** What the command itself said on standard error (the log, also on standard error, is left out). */
    private String stderr() {
        return err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("gatehouse:"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void two_equal_lines_create_an_administrator() {
        int code = createAdmin("Root-Admin", NEW_PASSWORD + "\n" + NEW_PASSWORD + "\n");

        assertEquals(0, code, stderr());
        User admin = app.users().findByUsername("root-admin").orElseThrow();
        assertEquals(Role.ADMIN, admin.role());
        String hash = app.users().credentials(admin.id()).orElseThrow().passwordHash();
        byte[] pepper = KeyFiles.loadOrCreatePepper(config().auth().pepperFile());
        assertTrue(new Passwords(pepper, 4).matches(NEW_PASSWORD, hash), "the password from standard input, peppered");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("created administrator"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("a second factor is required for administrators"), "create-admin says so");
        assertEquals(1, app.services().auditDao().countMatching(admin.id(), null, AuditEvent.SIGNUP));
    }

    @Test
    void an_existing_member_is_promoted_and_keeps_their_password() {
        User alice = app.createMember("alice", Role.MEMBER);
        TestClient browser = app.loggedIn("alice");

        int code = createAdmin("alice", NEW_PASSWORD + "\n" + NEW_PASSWORD + "\n");

        assertEquals(0, code, stderr());
        assertEquals(Role.ADMIN, app.users().findById(alice.id()).orElseThrow().role());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("promoted alice"));
        assertEquals(1, app.services().auditDao().countMatching(alice.id(), null, AuditEvent.ROLE_CHANGE));
        assertEquals(303, app.client().logIn("alice", TestApp.PASSWORD).status(), "password unchanged");
        assertEquals(1, app.users().lockAdmins().size());
        // The open session renews its token with the new role instead of breaking.
        assertEquals(200, browser.get("/me").status());
    }

    @Test
    void a_weak_password_is_refused_with_a_clear_line() {
        int code = createAdmin("boss", "password1234\npassword1234\n");

        assertEquals(Gatehouse.EXIT_FAILURE, code);
        assertEquals("gatehouse: password: This password is too common or too easy to guess. Try a longer phrase.",
                stderr().strip());
        assertTrue(app.users().findByUsername("boss").isEmpty());
    }

    @Test
    void a_password_containing_the_user_name_is_refused() {
        int code = createAdmin("boss", "the-big-boss-of-here\nthe-big-boss-of-here\n");

        assertEquals(Gatehouse.EXIT_FAILURE, code);
        assertTrue(stderr().contains("must not contain your user name"), stderr());
        assertTrue(app.users().findByUsername("boss").isEmpty());
    }

    @Test
    void two_different_lines_are_refused() {
        int code = createAdmin("boss", NEW_PASSWORD + "\n" + NEW_PASSWORD + "x\n");

        assertEquals(Gatehouse.EXIT_FAILURE, code);
        assertEquals("gatehouse: the two passwords differ", stderr().strip());
        assertTrue(app.users().findByUsername("boss").isEmpty());
    }

    @Test
    void no_input_is_refused() {
        int code = createAdmin("boss", "");

        assertEquals(Gatehouse.EXIT_FAILURE, code);
        assertTrue(stderr().startsWith("gatehouse: password: "), stderr());
        assertTrue(app.users().findByUsername("boss").isEmpty());
    }

    @Test
    void an_invalid_user_name_is_refused() {
        int code = createAdmin("x!", NEW_PASSWORD + "\n" + NEW_PASSWORD + "\n");

        assertEquals(Gatehouse.EXIT_FAILURE, code);
        assertTrue(stderr().startsWith("gatehouse: username: "), stderr());
    }

    @Test
    void the_command_line_runs_it_with_a_config_file() throws Exception {
        Path file = dataDir.resolve("test.properties");
        Files.writeString(file, "db.url=" + app.database().settings().url() + "\ndata.dir=" + dataDir + "\nauth.bcrypt-cost=4\n");
        System.setIn(new ByteArrayInputStream((NEW_PASSWORD + "\n" + NEW_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));

        int code = Gatehouse.run(new String[] {"--config", file.toString(), "create-admin", "--username", "chief"});

        assertEquals(0, code, stderr());
        assertEquals(Role.ADMIN, app.users().findByUsername("chief").orElseThrow().role());
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("Exception"));
    }
}
