package gatehouse.testing;

import gatehouse.App;
import gatehouse.account.Accounts;
import gatehouse.account.Gender;
import gatehouse.account.Passwords;
import gatehouse.account.ProfileForm;
import gatehouse.account.SignupForm;
import gatehouse.account.User;
import gatehouse.account.UserDao;
import gatehouse.audit.AuditLog;
import gatehouse.config.Config;
import gatehouse.config.ConfigLoader;
import gatehouse.config.SigningAlgorithm;
import gatehouse.session.RefreshTokens;
import gatehouse.session.SessionStatus;
import gatehouse.token.SigningKey;
import gatehouse.token.SigningKeys;
import gatehouse.web.Role;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The whole application started on a free port over a test database, with bcrypt cost 4. Built with
 * {@link #builder()}; {@link Builder#sharing(TestApp)} starts a second instance on the same database
 * and keys, as several instances behind a proxy would run.
 */
public final class TestApp implements AutoCloseable {
    /** One RSA key for the whole test run: generating one costs about 100 ms. */
    private static final SigningKey TEST_KEY = SigningKey.generate("RSA");
    public static final String PASSWORD = "violet-harbor-lantern-92";

    private final TestDatabase database;
    private final boolean ownsDatabase;
    private final Config config;
    private final Clock clock;
    private final SigningKeys keys;
    private final byte[] pepper;
    private final Javalin app;
    private final Accounts accounts;

    private TestApp(Builder b) {
        this.ownsDatabase = b.shared == null;
        this.database = b.shared != null ? b.shared.database : TestDatabase.open(b.databaseKind);
        this.clock = b.clock != null ? b.clock : b.shared != null ? b.shared.clock : Clock.systemUTC();
        Map<String, String> values = new HashMap<>();
        values.put("auth.bcrypt-cost", "4");
        // Suites send hundreds of logins from one address; RateLimitsTest sets the real limits back.
        values.put("server.rate-limit-burst", "100000");
        values.put("data.dir", b.dataDir.toString());
        values.put("db.url", database.settings().url());
        values.putAll(b.overrides);
        this.config = ConfigLoader.load(values, Map.of());
        this.keys = b.shared != null ? b.shared.keys : SigningKeys.of(SigningAlgorithm.RS256, List.of(TEST_KEY));
        if (b.shared != null) {
            this.pepper = b.shared.pepper;
        } else {
            this.pepper = new byte[32];
            new SecureRandom().nextBytes(pepper);
        }
        this.app = App.create(config, database.database(), keys, pepper, clock).start("127.0.0.1", 0);
        var jdbi = database.database().jdbi();
        var audit = new AuditLog(jdbi, clock);
        var refreshTokens = new RefreshTokens(jdbi, new SessionStatus(jdbi, clock), audit, config.auth(), clock);
        this.accounts = new Accounts(jdbi, new Passwords(pepper, 4), refreshTokens, audit, clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An app on a fresh in-memory H2 database with default settings. */
    public static TestApp h2() {
        return builder().start();
    }

    /** Options for the app under test. */
    public static final class Builder {
        private String databaseKind = TestDatabase.H2;
        private TestApp shared;
        private Clock clock;
        private Path dataDir = Path.of("target", "test-data");
        private final Map<String, String> overrides = new HashMap<>();

        public Builder database(String kind) {
            this.databaseKind = kind;
            return this;
        }

        /** Same database, keys, pepper and clock as {@code other}: a second instance. */
        public Builder sharing(TestApp other) {
            this.shared = other;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Sets a configuration key, e.g. {@code set("auth.access-token-ttl", "PT2S")}. */
        public Builder set(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public TestApp start() {
            return new TestApp(this);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    /** A new browser with an empty cookie jar. */
    public TestClient client() {
        return new TestClient(baseUrl());
    }

    public Javalin javalin() {
        return app;
    }

    public Jdbi jdbi() {
        return database.database().jdbi();
    }

    public UserDao users() {
        return jdbi().onDemand(UserDao.class);
    }

    public Config config() {
        return config;
    }

    public SigningKeys keys() {
        return keys;
    }

    public Clock clock() {
        return clock;
    }

    public TestDatabase database() {
        return database;
    }

    /** The server's pepper, to tell a Gatehouse (peppered) hash from a plain one. */
    public byte[] pepper() {
        return pepper.clone();
    }

    public Accounts accounts() {
        return accounts;
    }

    /** Creates a member (or admin) with {@link #PASSWORD} directly through the service. */
    public User createMember(String username, Role role) {
        var profile = new ProfileForm("Name " + username, "nick " + username, "", "", "", Gender.UNDISCLOSED.name(), true);
        if (role == Role.ADMIN) {
            accounts.createOrPromoteAdmin(username, PASSWORD);
            return users().findByUsername(username).orElseThrow();
        }
        return accounts.signUp(new SignupForm(username, PASSWORD, PASSWORD, profile), "127.0.0.1");
    }

    /** A new browser logged in as {@code username} with {@link #PASSWORD}. */
    public TestClient loggedIn(String username) {
        TestClient client = client();
        var response = client.logIn(username, PASSWORD);
        if (response.status() != 303) {
            throw new IllegalStateException("login of " + username + " failed: " + response.status());
        }
        return client;
    }

    @Override
    public void close() {
        app.stop();
        if (ownsDatabase) {
            database.close();
        }
    }
}
