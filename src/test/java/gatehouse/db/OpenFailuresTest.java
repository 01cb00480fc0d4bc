package gatehouse.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.config.Config;
import gatehouse.config.ConfigLoader;
import gatehouse.testing.Eventually;
import gatehouse.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the database fails with one line naming the problem and the fix: no JDBC URL, no stack trace. */
class OpenFailuresTest {
    @TempDir
    Path dataDir;

    private static void assertOneCleanLine(String message) {
        assertEquals(1, message.lines().count(), message);
        assertFalse(message.contains("jdbc:"), message);
        assertFalse(message.contains("Exception"), message);
        assertFalse(message.contains("MODE=MariaDB"), message);
    }

    @Test
    void an_unreachable_mariadb_is_named_by_address_with_the_key_to_check() {
        var db = new Config.Db("jdbc:mariadb://127.0.0.1:1/gatehouse?password=hunter2", "gatehouse", "secret", 2);

        DatabaseUnavailable e = assertThrows(DatabaseUnavailable.class, () -> Database.open(db));

        assertEquals("cannot reach the database at 127.0.0.1:1; is MariaDB running? (db.url)", e.getMessage());
    }

    @Test
    void a_wrong_mariadb_user_or_a_missing_database_says_which_and_what_to_do() {
        String server = TestDatabase.mariaDbServer();
        String address = server.replaceFirst("jdbc:mariadb://", "");
        address = address.contains(":") ? address : address + ":3306";

        var wrongUser = new Config.Db(server + "/test", "no_such_user_x", "wrong", 2);
        DatabaseUnavailable denied = assertThrows(DatabaseUnavailable.class, () -> Database.open(wrongUser));
        assertEquals("the database at " + address + " refused user 'no_such_user_x'; check db.user and db.password",
                denied.getMessage());

        var missing = new Config.Db(server + "/no_such_db_q7", TestDatabase.mariaDbUser(), TestDatabase.mariaDbPassword(), 2);
        DatabaseUnavailable unknown = assertThrows(DatabaseUnavailable.class, () -> Database.open(missing));
        assertTrue(unknown.getMessage().startsWith("there is no database 'no_such_db_q7' at " + address + "; create it"),
                unknown.getMessage());
        assertOneCleanLine(unknown.getMessage());
    }

    @Test
    void an_h2_file_held_by_another_program_names_the_file_and_what_to_do() throws Exception {
        Path file = dataDir.resolve("gatehouse");
        // An H2 shell in another process holds the file open without sharing it (no mixed mode).
        Process shell = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.h2.tools.Shell",
                "-url", "jdbc:h2:file:" + file, "-user", "", "-password", "")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("shell.log").toFile()).start();
        try {
            Eventually.within(Duration.ofSeconds(30), "the shell to open the file",
                    () -> Files.exists(DatabaseLocation.h2DataFile(file)));
            var db = new Config.Db("jdbc:h2:file:" + file + ConfigLoader.H2_OPTIONS, "", "", 2);

            DatabaseUnavailable e = assertThrows(DatabaseUnavailable.class, () -> Database.open(db));

            assertEquals("the database file " + file + ".mv.db is locked by another program that does not share it"
                    + " (an H2 tool, or an older Gatehouse); close that program and try again (data.dir)", e.getMessage());
        } finally {
            shell.getOutputStream().close();
            shell.destroy();
            shell.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void embedded_file_urls_get_mixed_mode_and_every_other_url_stays_as_it_is() {
        String file = "jdbc:h2:file:/var/lib/gatehouse/gatehouse" + ConfigLoader.H2_OPTIONS;
        assertEquals(file + ";AUTO_SERVER=TRUE", DatabaseLocation.withAutoServer(file));
        assertEquals("jdbc:h2:./data/g;AUTO_SERVER=TRUE", DatabaseLocation.withAutoServer("jdbc:h2:./data/g"));
        for (String url : List.of("jdbc:h2:mem:x" + ConfigLoader.H2_OPTIONS, "jdbc:h2:tcp://localhost/x",
                "jdbc:mariadb://db:3306/gatehouse", "jdbc:h2:file:/d/g;auto_server=FALSE")) {
            assertEquals(url, DatabaseLocation.withAutoServer(url));
        }
        assertEquals(new DatabaseLocation.MariaDb("db.example", 3307, "members"),
                DatabaseLocation.mariaDb("jdbc:mariadb://db.example:3307/members?sslMode=verify-full").orElseThrow());
        assertEquals(new DatabaseLocation.MariaDb("db", 3306, "gatehouse"),
                DatabaseLocation.mariaDb("jdbc:mariadb://db/gatehouse").orElseThrow());
    }
}
