package gatehouse.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The migrations named in {@link Migrations} are exactly the files of the migration directory. */
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
}
