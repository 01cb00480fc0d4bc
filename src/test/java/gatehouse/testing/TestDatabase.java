package gatehouse.testing;

import gatehouse.config.Config;
import gatehouse.config.ConfigLoader;
import gatehouse.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, migrated database for one test: H2 in memory, or a uniquely named database on the MariaDB
 * that {@code GATEHOUSE_TEST_MARIADB_URL} names (dropped on close). Without that variable the MariaDB
 * variant is skipped with a printed reason.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String H2 = "h2";
    public static final String MARIADB = "mariadb";
    private static volatile boolean skipReasonPrinted;

    private final Database database;
    private final Config.Db settings;
    private final String dropStatement;

    private TestDatabase(Config.Db settings, String dropStatement) {
        this.settings = settings;
        this.database = Database.open(settings);
        this.dropStatement = dropStatement;
    }

    /** Both kinds, for {@code @ParameterizedTest @MethodSource("gatehouse.testing.TestDatabase#kinds")}. */
    public static List<String> kinds() {
        return List.of(H2, MARIADB);
    }

    public static TestDatabase open(String kind) {
        return kind.equals(MARIADB) ? mariaDb() : h2();
    }

    public static TestDatabase h2() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ConfigLoader.H2_OPTIONS + ";DB_CLOSE_DELAY=-1";
        return new TestDatabase(new Config.Db(url, "", "", 4), null);
    }

    /** A new database on the test MariaDB server; aborts (skips) the test when none is configured. */
    public static TestDatabase mariaDb() {
        String server = mariaDbServer();
        String user = mariaDbUser();
        String password = mariaDbPassword();
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(server + "/", user, password, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new TestDatabase(new Config.Db(server + "/" + name, user, password, 8), "DROP DATABASE IF EXISTS " + name);
    }

    /**
     * The test MariaDB server ({@code jdbc:mariadb://host:port}, no database); aborts (skips) the test with
     * a reason printed once when {@code GATEHOUSE_TEST_MARIADB_URL} is not set.
     */
    public static String mariaDbServer() {
        String base = System.getenv("GATEHOUSE_TEST_MARIADB_URL");
        if (base == null || base.isBlank()) {
            String reason = "GATEHOUSE_TEST_MARIADB_URL is not set: MariaDB integration tests skipped";
            if (!skipReasonPrinted) {
                skipReasonPrinted = true;
                System.out.println("[mariadb-test] SKIPPED: " + reason);
            }
            Assumptions.abort(reason);
        }
        return base.replaceFirst("(jdbc:mariadb://[^/]+).*", "$1");
    }

    public static String mariaDbUser() {
        return System.getenv().getOrDefault("GATEHOUSE_TEST_MARIADB_USER", "root");
    }

    public static String mariaDbPassword() {
        return System.getenv().getOrDefault("GATEHOUSE_TEST_MARIADB_PASSWORD", "");
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url, e);
        }
    }

    public Database database() {
        return database;
    }

    public Config.Db settings() {
        return settings;
    }

    public boolean isMariaDb() {
        return settings.isMariaDb();
    }

    @Override
    public void close() {
        database.close();
        if (dropStatement != null) {
            String server = settings.url().replaceFirst("(jdbc:mariadb://[^/]+).*", "$1") + "/";
            execute(server, settings.user(), settings.password(), dropStatement);
        }
    }
}
