package gatehouse.web;

import static gatehouse.testing.TestApp.PASSWORD;

import gatehouse.testing.TestApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.App;
import gatehouse.Services;
import gatehouse.config.Config;
import gatehouse.config.ConfigLoader;
import gatehouse.config.SigningAlgorithm;
import gatehouse.db.Database;
import gatehouse.testing.Eventually;
import gatehouse.testing.TestClient;
import gatehouse.token.SigningKey;
import gatehouse.token.SigningKeys;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the server (what the SIGTERM shutdown hook does) lets a request that is already being
 * handled finish and answer, while new connections are refused.
 */
class GracefulShutdownTest {

    @TempDir
    Path dataDir;

    @Test
    void a_request_in_flight_when_the_server_stops_still_gets_its_answer() throws Exception {
        // A long lock timeout lets the test hold a request inside its database update for as long as it likes.
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ConfigLoader.H2_OPTIONS + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000";
        Config config = ConfigLoader.load(Map.of("db.url", url, "auth.bcrypt-cost", "4", "data.dir", dataDir.toString()), Map.of());
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        Clock clock = Clock.systemUTC();
        try (Database database = Database.open(config.db())) {
            var jdbi = database.jdbi();
            SigningKeys keys = SigningKeys.of(SigningAlgorithm.RS256, List.of(SigningKey.generate("RSA")));
            Services services = Services.create(config, database, keys, pepper, clock);
            services.accounts().createOrPromoteAdmin("keeper", PASSWORD);
            UUID keeper = services.userDao().findByUsername("keeper").orElseThrow().id();

            Javalin app = App.create(services).start("127.0.0.1", 0);
            int port = app.port();
            TestClient browser = new TestClient("http://127.0.0.1:" + port);
            browser.get("/login");

            CompletableFuture<TestClient.Response> inFlight;
            CompletableFuture<Void> stopping;
            try (Handle blocker = jdbi.open()) {
                // Hold the member's credentials row: a failed login must update it, and waits.
                blocker.begin();
                blocker.execute("UPDATE credentials SET failed_logins = failed_logins WHERE user_id = ?", keeper.toString());
                inFlight = CompletableFuture.supplyAsync(() -> browser.postForm("/login",
                        Map.of("username", "keeper", "password", "not-the-right-password")));
                waitFor("the login to wait for the row lock", () -> blocker.createQuery(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL").mapTo(Integer.class).one() > 0);

                stopping = CompletableFuture.runAsync(app::stop);
                waitFor("the server to refuse new connections", () -> !accepts(port));
                assertFalse(inFlight.isDone(), "the request is still being handled");
                assertFalse(stopping.isDone(), "stopping waits for the request in flight");

                blocker.rollback();
            }

            TestClient.Response answer = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(401, answer.status());
            assertTrue(answer.body().contains("Wrong user name or password."), answer.body());
            stopping.get(30, TimeUnit.SECONDS);
            assertEquals(1, services.userDao().credentials(keeper).orElseThrow().failedLogins(),
                    "the request finished its work, not just its answer");
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        Eventually.within(Duration.ofSeconds(20), what, condition);
    }
}
