package gatehouse.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import gatehouse.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The connection pool, the schema migrations and the configured {@link Jdbi}, opened and closed together. */
public final class Database implements AutoCloseable {

    static {
        // H2's mixed mode serves the open file to commands beside the server over TCP, guarded by a random key
        // in the owner-only lock file; listen on loopback only, not on every interface (H2's default).
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final WriteCounter writes = new WriteCounter();
    /** For an embedded H2 file that this process holds open, else null. */
    private final H2FileCompaction compaction;

    private Database(HikariDataSource dataSource, H2FileCompaction compaction) {
        this.dataSource = dataSource;
        this.compaction = compaction;
        this.jdbi = configure(Jdbi.create(dataSource));
        jdbi.addCustomizer(writes);
        jdbi.getConfig(Handles.class).addListener(writes);
    }

    /**
     * Opens the pool and migrates the schema to the newest version; an embedded H2 file is opened in mixed
     * mode, so that a command works beside a running server. Throws {@link DatabaseUnavailable} (one line).
     */
    public static Database open(Config.Db db) {
        String url = DatabaseLocation.withAutoServer(db.url());
        // A first connection outside the pool, held until the pool is up: its failure is explained in one
        // line, where Hikari would log a stack trace; holding it keeps H2 from closing and reopening the file.
        try (Connection probe = connect(url, db)) {
            return openPool(url, db);
        } catch (SQLException | RuntimeException e) {
            throw OpenFailures.explain(db, e);
        }
    }

    /**
     * One connection outside any pool and without migrating (a backup must not change the schema under a
     * running server of another version); an H2 file in mixed mode, as the server opens it.
     */
    public static Connection connection(Config.Db db) {
        try {
            return connect(DatabaseLocation.withAutoServer(db.url()), db);
        } catch (SQLException e) {
            throw OpenFailures.explain(db, e);
        }
    }

    private static Connection connect(String url, Config.Db db) throws SQLException {
        Properties properties = new Properties();
        if (!db.user().isEmpty()) {
            properties.setProperty("user", db.user());
        }
        properties.setProperty("password", db.password());
        if (db.isMariaDb()) {
            properties.setProperty("connectTimeout", String.valueOf(Duration.ofSeconds(3).toMillis()));
        }
        return DriverManager.getConnection(url, properties);
    }

    private static Database openPool(String url, Config.Db db) throws SQLException {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        if (!db.user().isEmpty()) {
            hikari.setUsername(db.user());
        }
        hikari.setPassword(db.password());
        hikari.setMaximumPoolSize(db.poolSize());
        hikari.setPoolName("gatehouse");
        // Fail fast when the database is unreachable: /ready must answer quickly, and so must start-up.
        hikari.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        hikari.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        var dataSource = new HikariDataSource(hikari);
        try {
            migrate(dataSource);
            boolean h2File = DatabaseLocation.h2File(url).isPresent();
            return new Database(dataSource, h2File ? H2FileCompaction.startIfHolder(dataSource) : null);
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    static void migrate(DataSource dataSource) {
        if (schemaIsCurrent(dataSource)) {
            return;
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + Migrations.DIRECTORY)
                .resourceProvider(new Migrations())
                .javaMigrationClassProvider(Migrations.NO_JAVA_MIGRATIONS)
                .load()
                .migrate();
    }

    private static boolean schemaIsCurrent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Migrations.current(connection);
        } catch (SQLException e) {
            return false; // Flyway meets the same trouble next and says what it is
        }
    }

    /** Registers the plugins and the UTC conversions that make H2 and MariaDB behave alike. */
    static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        // DATETIME keeps wall-clock time: store every Instant as UTC wall-clock time. DATETIME(6) keeps
        // microseconds; cut the rest here, because H2 would round (23:59:59.9999999 into the next day)
        // where MariaDB truncates.
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                LocalDateTime utc = LocalDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
                return (position, statement, ctx) -> statement.setObject(position, utc);
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            LocalDateTime time = rs.getObject(column, LocalDateTime.class);
            return time == null ? null : time.toInstant(ZoneOffset.UTC);
        });
        // Ids are CHAR(36): bind and read them as text so both drivers agree.
        jdbi.registerArgument(new AbstractArgumentFactory<UUID>(Types.CHAR) {
            @Override
            protected Argument build(UUID value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setString(position, value.toString());
            }
        });
        jdbi.registerColumnMapper(UUID.class, (rs, column, ctx) -> {
            String id = rs.getString(column);
            return id == null ? null : UUID.fromString(id);
        });
        return jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The writes made through {@link #jdbi()}, for caches that must not outlive one ({@link ReadCache}). */
    public WriteCounter writes() {
        return writes;
    }

    /**
     * HikariCP reports its pool (connections active, idle, pending, wait and use times) to {@code registry}.
     * A pool takes one registry only: a second instance over the same pool (tests) leaves the first one's.
     */
    public synchronized void reportPoolTo(MeterRegistry registry) {
        if (dataSource.getMetricRegistry() == null && dataSource.getMetricsTrackerFactory() == null) {
            dataSource.setMetricRegistry(registry);
        }
    }

    /** True when a connection can be had and answers a validity check within two seconds. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (compaction != null) {
            compaction.close();
        }
        dataSource.close();
    }
}
