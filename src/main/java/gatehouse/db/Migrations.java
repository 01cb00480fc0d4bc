package gatehouse.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * The schema migrations, named here rather than found by Flyway's class-path scan: in the packaged jar
 * that scan reads every one of its ~20,000 entries to find the few under {@code db/migration}, which
 * was the largest part of a start. A migration missing from {@link #FILES} is caught by
 * {@code MigrationsTest}, which compares the list with the directory. {@link #current} tells whether a
 * database has them all already, in which case Flyway is not started.
 */
final class Migrations implements ResourceProvider {
    static final String DIRECTORY = "db/migration";
    /** Every file in {@code src/main/resources/db/migration}. */
    static final List<String> FILES = List.of(
            "V1__schema.sql",
            "V6__imported_members.sql",
            "V7__second_factor.sql",
            "V8__oidc.sql",
            "V9__member_list_order.sql",
            "V10__setup_tokens.sql",
            "V11__login_devices.sql",
            "V12__users_role.sql");

    /** The highest version of {@link #FILES}, as Flyway records it ("12" for {@code V12__users_role.sql}). */
    static final String NEWEST_VERSION = FILES.stream().map(file -> file.substring(1, file.indexOf("__")))
            .max(Comparator.comparingInt(Integer::parseInt)).orElseThrow();

    /** Flyway's table of applied migrations (its default name). */
    private static final String HISTORY = "flyway_schema_history";
    private static final Location LOCATION = new Location("classpath:" + DIRECTORY);

    private final List<LoadableResource> resources = FILES.stream()
            .<LoadableResource>map(file -> new ClassPathResource(LOCATION, DIRECTORY + "/" + file,
                    Migrations.class.getClassLoader(), StandardCharsets.UTF_8))
            .toList();

    /**
     * True when Flyway's history of this database ends at {@link #NEWEST_VERSION} and no migration in it failed:
     * the schema is current and starting Flyway (about a sixth of a start, mostly loading and compiling its
     * classes) would find nothing to do. False for anything else (a new database, an older schema, a failed or
     * a newer migration), which is left to Flyway to migrate or to refuse. What Flyway's validation adds, the
     * checksums of applied files, cannot differ from a released jar's, whose migrations are never edited.
     */
    static boolean current(Connection connection) throws SQLException {
        // Asked of the metadata first: a query of a missing table would be written to H2's trace file.
        try (ResultSet table = connection.getMetaData().getTables(connection.getCatalog(), null, HISTORY, null)) {
            if (!table.next()) {
                return false;
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet history = statement.executeQuery("SELECT version, success FROM " + HISTORY + " ORDER BY installed_rank")) {
            String last = null;
            while (history.next()) {
                if (!history.getBoolean("success")) {
                    return false;
                }
                last = history.getString("version");
            }
            return NEWEST_VERSION.equals(last);
        }
    }

    /** No migration is written in Java. */
    static final ClassProvider<JavaMigration> NO_JAVA_MIGRATIONS = List::of;

    @Override
    public LoadableResource getResource(String name) {
        return resources.stream().filter(r -> r.getRelativePath().equals(name)).findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return resources.stream()
                .filter(r -> r.getFilename().startsWith(prefix)
                        && Arrays.stream(suffixes).anyMatch(suffix -> r.getFilename().endsWith(suffix)))
                .toList();
    }
}
