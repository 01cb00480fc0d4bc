package gatehouse;

import gatehouse.authsystem.ImportAuthSystem;
import gatehouse.backup.Backup;
import gatehouse.backup.Restore;
import gatehouse.config.Config;
import gatehouse.config.ConfigException;
import gatehouse.config.ConfigLoader;
import gatehouse.db.DataFiles;
import gatehouse.db.Database;
import gatehouse.db.DatabaseUnavailable;
import gatehouse.setup.SetupAtStart;
import gatehouse.token.KeyFiles;
import gatehouse.token.SigningKeys;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code java -jar gatehouse.jar [--config FILE]} serves;
 * {@code ... create-admin --username NAME} creates or promotes an administrator;
 * {@code ... import-authsystem --url ...} brings the original AuthSystem's members over;
 * {@code ... backup --to FILE} copies the database while the server runs; {@code ... restore --from FILE}
 * puts a backup into an empty data dir.
 */
public final class Gatehouse {
    private static final Logger LOG = LoggerFactory.getLogger(Gatehouse.class);
    static final int EXIT_BAD_CONFIG = 2;
    static final int EXIT_FAILURE = 1;
    /** {@link #run} returns this when the server is up: the JVM then lives on in Jetty's threads. */
    static final int SERVING = -1;

    static final String USAGE = "[--config FILE] [create-admin --username NAME | import-authsystem --url ... |"
            + " backup --to FILE | restore --from FILE]";

    private Gatehouse() {}

    public static void main(String[] args) {
        try {
            int code = run(args);
            if (code != SERVING) {
                System.exit(code);
            }
        } catch (ConfigException | UsageException e) {
            System.err.println("gatehouse: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
        } catch (DatabaseUnavailable e) {
            System.err.println("gatehouse: " + e.getMessage());
            System.exit(EXIT_FAILURE);
        }
    }

    /** Runs the command; returns its exit code, or {@link #SERVING} once the server is listening. */
    static int run(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        String configFile = option(rest, "--config");
        if (configFile == null) {
            configFile = System.getenv("GATEHOUSE_CONFIG");
        }
        Map<String, String> fileValues = configFile != null ? ConfigLoader.readFile(Path.of(configFile))
                : Path.of("config.properties").toFile().isFile() ? ConfigLoader.readFile(Path.of("config.properties"))
                : Map.of();
        Config config = ConfigLoader.load(fileValues, System.getenv());
        ConfigLoader.unknownEnvironmentNames(System.getenv())
                .forEach(name -> LOG.warn("{} is set but names no configuration key; it is ignored", name));

        if (!rest.isEmpty() && rest.get(0).equals("create-admin")) {
            rest.remove(0);
            String username = option(rest, "--username");
            if (username == null || !rest.isEmpty()) {
                throw new UsageException("usage: create-admin --username NAME (password from the console or two lines of standard input)");
            }
            return CreateAdmin.run(config, username);
        }
        if (!rest.isEmpty() && rest.get(0).equals("import-authsystem")) {
            return ImportAuthSystem.run(rest.subList(1, rest.size()), () -> {
                createDataDirectory(config);
                return Database.open(config.db());
            }, Clock.systemUTC(), System.out, System.err);
        }
        if (!rest.isEmpty() && (rest.get(0).equals("backup") || rest.get(0).equals("restore"))) {
            return backupOrRestore(config, rest);
        }
        if (!rest.isEmpty()) {
            throw new UsageException("unknown arguments " + rest + "; usage: " + USAGE);
        }
        serve(config);
        return SERVING;
    }

    /** {@code backup --to FILE} (beside a running server) or {@code restore --from FILE} (into an empty data dir). */
    private static int backupOrRestore(Config config, List<String> rest) {
        boolean backup = rest.remove(0).equals("backup");
        String file = option(rest, backup ? "--to" : "--from");
        if (file == null || !rest.isEmpty()) {
            throw new UsageException("usage: " + (backup ? "backup --to FILE" : "restore --from FILE"));
        }
        if (backup) {
            return Backup.run(config, Path.of(file), System.out, System.err);
        }
        createDataDirectory(config);
        return Restore.run(config, Path.of(file), System.out, System.err);
    }

    private static void serve(Config config) {
        // The embedded database holds password hashes: keep the directory from other local users.
        createDataDirectory(config);
        Database database = openDatabase(config);
        SigningKeys keys = SigningKeys.load(config.auth());
        byte[] pepper = KeyFiles.loadOrCreatePepper(config.auth().pepperFile());
        Services services = Services.create(config, database, keys, pepper, Clock.systemUTC());
        SetupAtStart.bootstrap(services.firstAdministrator(), System.getenv());
        // Made before the server starts: a stop right after the start must not find the database closing under it.
        Optional<String> setupToken = services.firstAdministrator().newToken();
        Javalin app = App.create(services);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: finishing requests in flight");
            app.stop();
            database.close();
            LOG.info("stopped: requests finished, database pool closed");
        }, "gatehouse-shutdown"));
        try {
            app.start(config.server().host(), config.server().port());
        } catch (JavalinBindException e) {
            throw new ConfigException("server.port", String.valueOf(config.server().port()),
                    "cannot listen on " + config.server().host() + ":" + config.server().port() + " (in use, or not allowed)");
        }
        LOG.info("Gatehouse serves on http://{}:{} ({} database)", config.server().host(), app.port(),
                config.db().isMariaDb() ? "MariaDB" : "embedded H2");
        setupToken.ifPresent(token -> LOG.info("no administrator exists yet: create the first one at {} (this link works once)",
                SetupAtStart.link(baseUrl(config, app.port()), token)));
        // The user-agent rules take seconds of CPU to build: only once the server answers, so that they do not
        // compete with the start on a small machine, and before a page that lists sessions needs them.
        services.deviceNames().warmUpInBackground();
    }

    /** Where a browser on this machine reaches the server: server.public-url, unless it is the default. */
    private static String baseUrl(Config config, int port) {
        String publicUrl = config.server().publicUrl();
        if (!publicUrl.equals("http://localhost:" + config.server().port())) {
            return publicUrl;
        }
        String host = config.server().host();
        return "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host) + ":" + port;
    }

    static void createDataDirectory(Config config) {
        try {
            KeyFiles.createPrivateDirectory(config.dataDir());
            DataFiles.tighten(config.dataDir());
        } catch (UncheckedIOException e) {
            throw new ConfigException("data.dir", config.dataDir().toString(), "cannot create the directory");
        }
    }

    /** Opens (and migrates) the database; a failure is a {@link DatabaseUnavailable} with one line to show. */
    static Database openDatabase(Config config) {
        Database database = Database.open(config.db());
        // H2 has just created (or opened) its file with the umask's permissions.
        DataFiles.tighten(config.dataDir());
        return database;
    }

    /** Removes {@code name VALUE} from {@code args} and returns VALUE, or null when absent. */
    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= args.size()) {
            throw new UsageException(name + " needs a value");
        }
        String value = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return value;
    }

    /** Wrong command-line arguments. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
