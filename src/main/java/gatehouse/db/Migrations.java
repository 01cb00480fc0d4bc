package gatehouse.db;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
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
 * {@code MigrationsTest}, which compares the list with the directory.
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

    private static final Location LOCATION = new Location("classpath:" + DIRECTORY);

    private final List<LoadableResource> resources = FILES.stream()
            .<LoadableResource>map(file -> new ClassPathResource(LOCATION, DIRECTORY + "/" + file,
                    Migrations.class.getClassLoader(), StandardCharsets.UTF_8))
            .toList();

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
