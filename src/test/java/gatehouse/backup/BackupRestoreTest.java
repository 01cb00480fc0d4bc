package gatehouse.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.Services;
import gatehouse.account.Gender;
import gatehouse.account.ProfileForm;
import gatehouse.account.SignupForm;
import gatehouse.config.Config;
import gatehouse.config.ConfigLoader;
import gatehouse.db.Database;
import gatehouse.testing.TestApp;
import gatehouse.token.KeyFiles;
import gatehouse.token.SigningKeys;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup} and {@code restore} on the embedded database, their refusals, and the MariaDB commands they print. */
class BackupRestoreTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static Config config(Path dataDir, String... more) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("data.dir", dataDir.toString(), "auth.bcrypt-cost", "4"));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return ConfigLoader.load(values, Map.of());
    }

    private PrintStream stream(OutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A data dir with a database holding the given members, closed again. */
    private Config dataDirWith(String name, String... members) {
        Path dataDir = dir.resolve(name);
        Config config = config(dataDir);
        KeyFiles.createPrivateDirectory(dataDir);
        try (Database database = Database.open(config.db())) {
            byte[] pepper = KeyFiles.loadOrCreatePepper(config.auth().pepperFile());
            var services = Services.create(config, database, SigningKeys.load(config.auth()), pepper, Clock.systemUTC());
            for (String member : members) {
                var profile = new ProfileForm("Name", "nick", "", "", "", Gender.UNDISCLOSED.name(), true);
                services.accounts().signUp(new SignupForm(member, TestApp.PASSWORD, TestApp.PASSWORD, profile), "127.0.0.1");
            }
        }
        return config;
    }

    private static long members(Config config) {
        try (Database database = Database.open(config.db())) {
            return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
        }
    }

    @Test
    void a_backup_restores_into_an_empty_data_dir_with_every_member_and_says_to_keep_the_keys_apart() throws Exception {
        Config original = dataDirWith("original", "alice", "bobby");
        Path file = dir.resolve("gatehouse-backup.zip");

        assertEquals(0, Backup.run(original, file, stream(out), stream(err)), err());

        assertTrue(out().startsWith("backed up the database to " + file), out());
        assertTrue(out().contains("keep copies of the pepper file " + original.auth().pepperFile()), out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(original.dataDir())) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().contains("backup")), "no copy left in the data dir");
        }
        Config restored = config(dir.resolve("restored"));
        KeyFiles.createPrivateDirectory(restored.dataDir());
        assertEquals(0, Restore.run(restored, file, stream(out), stream(err)), err());
        assertTrue(out().contains("(2 members)"), out());
        assertTrue(out().contains("the pepper file " + restored.auth().pepperFile() + " is missing"), out());
        assertEquals(2, members(restored));
    }

    @Test
    void a_backup_never_overwrites_a_file_and_a_restore_never_overwrites_a_database() throws Exception {
        Config original = dataDirWith("original", "alice");
        Path existing = Files.writeString(dir.resolve("existing.zip"), "keep me");

        assertEquals(1, Backup.run(original, existing, stream(out), stream(err)));
        assertEquals("gatehouse: backup: " + existing + " exists already; give a new file name (a backup never overwrites one)\n", err());
        assertEquals("keep me", Files.readString(existing));

        Path file = dir.resolve("b.zip");
        assertEquals(0, Backup.run(original, file, stream(out), stream(err)));
        err.reset();
        Config full = dataDirWith("full", "carol", "daisy");
        assertEquals(1, Restore.run(full, file, stream(out), stream(err)));
        assertTrue(err().startsWith("gatehouse: restore: " + full.dataDir().toAbsolutePath().normalize().resolve("gatehouse.mv.db")
                + " exists already; restore only into a data directory without a database"), err());
        assertEquals(1, err().lines().count());
        assertEquals(2, members(full), "untouched");
    }

    @Test
    void a_file_that_is_not_a_backup_is_refused_and_leaves_no_database() throws Exception {
        Path notZip = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path otherZip = dir.resolve("other.zip");
        try (var zip = new ZipOutputStream(Files.newOutputStream(otherZip))) {
            zip.putNextEntry(new ZipEntry("../../etc/evil.mv.db"));
            zip.write(1);
        }
        Config target = config(dir.resolve("target"));
        KeyFiles.createPrivateDirectory(target.dataDir());

        assertEquals(1, Restore.run(target, notZip, stream(out), stream(err)));
        assertEquals(1, Restore.run(target, otherZip, stream(out), stream(err)));

        assertTrue(err().contains("is not a Gatehouse backup (it holds ../../etc/evil.mv.db)"), err());
        try (var files = Files.list(target.dataDir())) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void there_is_nothing_to_back_up_before_the_first_start() {
        Config empty = config(dir.resolve("never-started"));

        assertEquals(1, Backup.run(empty, dir.resolve("x.zip"), stream(out), stream(err)));

        assertTrue(err().startsWith("gatehouse: backup: there is no database at "), err());
        assertFalse(Files.exists(dir.resolve("never-started")));
    }

    @Test
    void on_mariadb_both_print_the_database_tools_command_and_write_nothing() {
        Config mariaDb = config(dir.resolve("data"), "db.url", "jdbc:mariadb://db.internal:3307/gatehouse?sslMode=trust",
                "db.user", "gatehouse", "db.password", "s3cret");
        Path file = dir.resolve("dump.sql");

        assertEquals(0, Backup.run(mariaDb, file, stream(out), stream(err)));
        assertEquals(0, Restore.run(mariaDb, file, stream(out), stream(err)));

        assertTrue(out().contains("  mariadb-dump --single-transaction --routines --host=db.internal --port=3307"
                + " --user=gatehouse --password gatehouse > " + file), out());
        assertTrue(out().contains("  mariadb --host=db.internal --port=3307 --user=gatehouse --password gatehouse < " + file), out());
        assertFalse(out().contains("s3cret"), "the password is asked for, never printed");
        assertFalse(Files.exists(file));
        assertEquals("", err());
    }
}
