package gatehouse.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migrations named in {@link Migrations} are exactly the files of the migration directory, and a schema
 * counts as current (Flyway not started) only when its history ends, without a failure, at the newest of them.
 */
class MigrationsTest {

    @Test
    void every_migration_file_is_named_and_every_name_is_a_file() throws IOException {
        List<String> files;
        try (Stream<Path> listing = Files.list(Path.of("src/main/resources", Migrations.DIRECTORY))) {
            files = listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(files, Migrations.FILES.stream().sorted().toList());
    }

    @Test
    void flyway_is_given_the_versioned_migrations_by_prefix_and_suffix() {
        var migrations = new Migrations();
        assertEquals(Migrations.FILES.size(), migrations.getResources("V", new String[] {".sql"}).size());
        assertEquals(0, migrations.getResources("R", new String[] {".sql"}).size());
        assertNotNull(migrations.getResource("V1__schema.sql"));
    }

    @Test
    void a_new_database_is_not_current() throws Exception {
        try (Connection empty = DriverManager.getConnection("jdbc:h2:mem:")) {
            assertFalse(Migrations.current(empty));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void only_a_history_that_ends_at_the_newest_migration_without_a_failure_is_current(String kind) throws SQLException {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Jdbi jdbi = db.database().jdbi();
            assertTrue(current(jdbi), "just migrated: its history ends at the newest file's version");

            jdbi.useHandle(h -> h.execute("UPDATE flyway_schema_history SET success = FALSE WHERE version = ?",
                    Migrations.NEWEST_VERSION));
            assertFalse(current(jdbi), "the newest migration failed");
            jdbi.useHandle(h -> h.execute("UPDATE flyway_schema_history SET success = TRUE"));

            jdbi.useHandle(h -> h.execute("""
                    INSERT INTO flyway_schema_history
                           (installed_rank, version, description, type, script, installed_by, execution_time, success)
                    VALUES (1000, '1000', 'from a newer release', 'SQL', 'V1000__newer.sql', 'test', 0, TRUE)"""));
            assertFalse(current(jdbi), "a newer release migrated it");

            jdbi.useHandle(h -> h.execute("DELETE FROM flyway_schema_history WHERE version IN ('1000', ?)",
                    Migrations.NEWEST_VERSION));
            assertFalse(current(jdbi), "the newest migration is not applied");
        }
    }

    private static boolean current(Jdbi jdbi) throws SQLException {
        return jdbi.withHandle(h -> Migrations.current(h.getConnection()));
    }
}
