package gatehouse.authsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.LegacyPasswords;
import gatehouse.account.Passwords;
import gatehouse.account.Profile;
import gatehouse.account.User;
import gatehouse.db.Database;
import gatehouse.testing.Html;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.web.Languages;
import gatehouse.domain.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mindrot.jbcrypt.BCrypt;

/**
 * {@code import-authsystem} against the fixture's original databases on MariaDB, into a running Gatehouse
 * on H2 and on MariaDB: every sample member logs in with the password they had, through HTTP.
 */
class ImportAuthSystemTest {
    private static final Map<String, String> PASSWORDS = AuthSystemFixture.samplePasswords();
    private static final String JD = "6513270e-269e-1d37-b2a7-4de452e6b438";

    /** The runs' password files, in a directory JUnit removes after each test (made in /tmp, they stayed there). */
    @TempDir
    Path scratch;

    /** What one run printed, and its exit code. */
    record Run(int exit, String out, String err) {}

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void every_sample_member_is_imported_and_logs_in_with_the_password_they_had(String kind) throws Exception {
        try (AuthSystemFixture source = AuthSystemFixture.load(); TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("alice", Role.MEMBER);
            source.addMember("Alice", "Alice Again", "010", "2001-02-03", "alice-old-password-1");
            source.addMember("bad_birthday", "Born Whenever", "010", "19980419", "birthday-old-password-1");
            source.addMember("long_phone", "Phone Person", "010-1234-5678 / 010-8765-4321", "1999-09-09", "phone-old-pw-1");
            source.addMember("MinSu", "Min Su", "+82 10 1234 5678", "2100-01-01", "minsu-old-password-1");
            List<String> before = source.checksums();

            Run dry = run(app, source.arguments(scratch.resolve("pw"), "--dry-run"));
            assertEquals(0, dry.exit(), dry.err());
            assertTrue(dry.out().contains("Dry run, nothing written: read 9, would import 6, already imported 0, skipped 3"),
                    dry.out());
            assertEquals(1, count(app, "SELECT COUNT(*) FROM users"), "a dry run creates nobody");
            assertEquals(0, count(app, "SELECT COUNT(*) FROM audit_events WHERE type LIKE '%IMPORT%'"));

            Run first = run(app, source.arguments(scratch.resolve("pw")));
            assertEquals(0, first.exit(), first.err());
            String out = first.out();
            assertTrue(out.contains("Summary: read 9, imported 6, already imported 0, skipped 3, needing a password change 0,"
                    + " waiting for their first login 6."), out);
            assertTrue(out.contains("create-admin --username NAME"), "says how to promote: " + out);
            assertTrue(out.contains("every imported member is a MEMBER"), out);
            assertTrue(out.matches("(?s).*skipped +Alice .*reason: user name 'alice' is taken by Gatehouse member 'alice'.*"), out);
            assertTrue(out.matches("(?s).*skipped +bad_birthday .*reason: birthday '19980419' cannot be kept.*"), out);
            assertTrue(out.matches("(?s).*skipped +long_phone .*reason: cell_phone is 29 characters.*"), out);
            assertTrue(out.matches("(?s).*imported +we .*note: user name 'we' is shorter than today's 4 characters: kept.*"), out);
            assertTrue(out.matches("(?s).*imported +minsu .*note: user name 'MinSu' is stored as 'minsu'.*"
                    + "note: birthday '2100-01-01' breaks today's rule.*"), out);

            User jd = app.users().findById(UUID.fromString(JD)).orElseThrow();
            assertEquals(new User(jd.id(), "jd0419", Role.MEMBER, Instant.parse("2022-12-25T18:30:06Z"),
                    Instant.parse("2022-12-25T18:30:06Z"), null), jd);
            Profile profile = app.users().profile(jd.id()).orElseThrow();
            assertEquals(new Profile(jd.id(), "김정도", "라이징", "안녕하세요!", "01089931667", LocalDate.of(1998, 4, 19),
                    gatehouse.account.Gender.MALE, true, Instant.parse("2022-12-25T18:30:06Z")), profile);
            assertEquals(LegacyPasswords.AWAITING_FIRST_LOGIN, app.users().credentials(jd.id()).orElseThrow().passwordHash());
            assertTrue(legacyHash(app, jd.id()).startsWith("$2a$12$"), "the $2b$ prefix is normalised");
            assertEquals(6, count(app, "SELECT COUNT(*) FROM audit_events WHERE type = 'MEMBER_IMPORTED'"));
            assertEquals(1, count(app, "SELECT COUNT(*) FROM audit_events WHERE type = 'AUTHSYSTEM_IMPORT'"));

            Run second = run(app, source.arguments(scratch.resolve("pw")));
            assertTrue(second.out().contains("Summary: read 9, imported 0, already imported 6, skipped 3"), second.out());
            assertEquals(7, count(app, "SELECT COUNT(*) FROM users"), "a second run creates nobody");
            assertEquals(6, count(app, "SELECT COUNT(*) FROM audit_events WHERE type = 'MEMBER_IMPORTED'"));

            TestClient wrong = app.client();
            assertEquals(401, wrong.logIn("jd0419", "rising-sun-2022!").status(), "the password is checked as typed");
            Passwords peppered = new Passwords(app.pepper(), 4);
            for (Map.Entry<String, String> member : PASSWORDS.entrySet()) {
                TestClient client = app.client();
                TestClient.Response login = client.logIn(member.getKey(), member.getValue());
                assertEquals(303, login.status(), member.getKey() + " logs in with the original password");
                UUID id = app.users().findByUsername(member.getKey()).orElseThrow().id();
                String hash = app.users().credentials(id).orElseThrow().passwordHash();
                assertTrue(peppered.matches(member.getValue(), hash), member.getKey() + ": now a peppered hash");
                assertFalse(BCrypt.checkpw(member.getValue(), hash), "not a plain bcrypt of the password");
                assertNull(legacyHash(app, id), member.getKey() + ": the legacy hash is gone");
                assertEquals(303, app.client().logIn(member.getKey(), member.getValue()).status(), "and again");
            }

            TestClient tester = app.client();
            tester.logIn("tester01", PASSWORDS.get("tester01"));
            String me = tester.get("/me").body();
            assertTrue(me.contains("&lt;b&gt;bold&lt;/b&gt; intro"), "the introduction is shown escaped");
            assertFalse(me.contains("<b>bold</b>"));

            Run third = run(app, source.arguments(scratch.resolve("pw")));
            assertTrue(third.out().contains("needing a password change 1, waiting for their first login 1."), third.out());
            assertTrue(third.out().matches("(?s).*already imported +we .*\\(needs a password change\\).*"), third.out());
            assertEquals(before, source.checksums(), "the original databases are unchanged");
        }
    }

    @Test
    void first_logins_check_the_original_way_and_a_weak_password_is_accepted_once_then_changed() throws Exception {
        try (AuthSystemFixture source = AuthSystemFixture.load(); TestApp app = TestApp.h2()) {
            assertEquals(0, run(app, source.arguments(scratch.resolve("pw"))).exit());
            String korean = PASSWORDS.get("hana_k");
            assertTrue(korean.getBytes(StandardCharsets.UTF_8).length > 72);
            // 24 syllables of three bytes fill the 72 bytes: what follows never counted in the original.
            String samePrefix = korean.substring(0, 24) + "다른끝";
            assertEquals(303, app.client().logIn("hana_k", samePrefix).status());
            assertEquals(401, app.client().logIn("hana_k", korean).status(),
                    "after the first login all of the password then typed counts (peppered, never truncated)");

            String weak = PASSWORDS.get("we");
            TestClient browser = app.client();
            TestClient.Response login = browser.logIn("we", weak);
            assertEquals(303, login.status());
            assertTrue(login.location().startsWith("/me/edit?notice=password-required"), login.location());
            String form = browser.get(login.location()).body();
            assertTrue(Html.unescape(form).contains(new Languages().text("en").get("settings.notice.passwordRequired")),
                    "the form explains why");
            TestClient.Response api = app.client().json("POST", "/api/v1/auth/login",
                    "{\"username\":\"we\",\"password\":\"weweWEWE\"}");
            assertEquals(200, api.status());
            assertTrue(api.body().contains("\"passwordChangeRequired\":true"), api.body());

            String strong = "quiet-orchard-lantern-2041";
            TestClient.Response change = browser.postForm("/me/password", Map.of("currentPassword", weak,
                    "newPassword", strong, "newPasswordConfirm", strong));
            assertEquals(303, change.status(), change.body());
            TestClient.Response again = app.client().logIn("we", strong);
            assertEquals("/me", again.location(), "no longer sent to the form");
            TestClient.Response apiAgain = app.client().json("POST", "/api/v1/auth/login",
                    "{\"username\":\"we\",\"password\":\"" + strong + "\"}");
            assertFalse(apiAgain.body().contains("passwordChangeRequired"), apiAgain.body());

            TestClient deleting = app.client();
            deleting.logIn("we", strong);
            assertEquals(200, deleting.postForm("/me/delete", Map.of("password", strong)).status());
            Run afterDeletion = run(app, source.arguments(scratch.resolve("pw")));
            assertTrue(afterDeletion.out().matches("(?s).*already imported +we .*\\(deleted from Gatehouse since; not imported again\\).*"),
                    afterDeletion.out());
            assertTrue(app.users().findByUsername("we").isEmpty(), "a deleted account does not come back");
        }
    }

    @Test
    void failures_are_one_line_without_the_url_options() throws Exception {
        try (TestApp app = TestApp.h2()) {
            Path pw = Files.createFile(scratch.resolve("pw"));
            Run refused = run(app, List.of("--url", "jdbc:mariadb://127.0.0.1:1/?password=hunter2&sslMode=trust",
                    "--user", "root", "--password-file", pw.toString()));
            assertEquals(1, refused.exit());
            assertEquals(1, refused.err().lines().count(), refused.err());
            assertTrue(refused.err().startsWith("gatehouse: import-authsystem: cannot connect to the AuthSystem MariaDB"
                    + " at 127.0.0.1:1: "), refused.err());
            assertFalse(refused.err().contains("hunter2") || refused.err().contains("sslMode"), refused.err());

            Run missingFile = run(app, List.of("--url", "jdbc:mariadb://127.0.0.1:1/", "--user", "root",
                    "--password-file", pw + ".absent"));
            assertEquals("gatehouse: import-authsystem: cannot read --password-file " + pw + ".absent (no such file)\n",
                    missingFile.err());
            Run usage = run(app, List.of("--url", "jdbc:mariadb://127.0.0.1:1/"));
            assertEquals("gatehouse: import-authsystem: " + ImportSettings.USAGE + "\n", usage.err());
        }
    }

    @Test
    void an_unknown_database_name_is_named() throws Exception {
        try (AuthSystemFixture source = AuthSystemFixture.load(); TestApp app = TestApp.h2()) {
            List<String> args = source.arguments(scratch.resolve("pw"));
            args.set(args.indexOf("--member-db") + 1, "no_such_db_" + UUID.randomUUID().toString().substring(0, 8));
            Run run = run(app, args);
            assertEquals(1, run.exit());
            assertTrue(run.err().matches("gatehouse: import-authsystem: cannot open the database 'no_such_db_\\w+': .*Unknown database.*\n"),
                    run.err());
        }
    }

    private static Run run(TestApp app, List<String> args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = ImportAuthSystem.run(args, () -> Database.open(app.database().settings()), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static long count(TestApp app, String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static String legacyHash(TestApp app, UUID id) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM legacy_credentials WHERE user_id = :id")
                .bind("id", id).mapTo(String.class).findOne().orElse(null));
    }
}
