package gatehouse.web;

import gatehouse.App;
import gatehouse.Services;
import gatehouse.config.Config;
import gatehouse.config.ConfigLoader;
import gatehouse.config.SigningAlgorithm;
import gatehouse.db.Database;
import gatehouse.testing.TestClient;
import gatehouse.token.SigningKey;
import gatehouse.token.SigningKeys;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.tools.Server;

/**
 * The whole app over an H2 database reached through H2's TCP server, which a test can stop: the
 * database then really becomes unreachable (refused connections), with no mock in between.
 */
final class UnreachableDatabaseApp implements AutoCloseable {
    private final Server h2Server;
    private final Database database;
    private final Javalin app;

    private UnreachableDatabaseApp(Server h2Server, Database database, Javalin app) {
        this.h2Server = h2Server;
        this.database = database;
        this.app = app;
    }

    static UnreachableDatabaseApp start(Path dataDir) throws SQLException {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + UUID.randomUUID()
                + ConfigLoader.H2_OPTIONS + ";DB_CLOSE_DELAY=-1";
        Config config = ConfigLoader.load(Map.of("db.url", url, "db.pool-size", "2", "auth.bcrypt-cost", "4",
                "data.dir", dataDir.toString()), Map.of());
        Database database = Database.open(config.db());
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        SigningKeys keys = SigningKeys.of(SigningAlgorithm.RS256, List.of(SigningKey.generate("RSA")));
        Javalin app = App.create(Services.create(config, database, keys, pepper, Clock.systemUTC())).start("127.0.0.1", 0);
        return new UnreachableDatabaseApp(server, database, app);
    }

    TestClient client() {
        return new TestClient("http://127.0.0.1:" + app.port());
    }

    /** Stops the database server: open connections break and new ones are refused. */
    void cutOffDatabase() {
        h2Server.stop();
    }

    @Override
    public void close() {
        app.stop();
        database.close();
        h2Server.stop();
    }
}
