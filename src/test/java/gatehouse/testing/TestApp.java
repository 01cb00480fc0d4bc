package gatehouse.testing;

import gatehouse.App;
import gatehouse.Services;
import gatehouse.account.Accounts;
import gatehouse.account.Gender;
import gatehouse.account.ProfileForm;
import gatehouse.account.SignupForm;
import gatehouse.account.User;
import gatehouse.account.UserDao;
import gatehouse.config.Config;
import gatehouse.config.ConfigLoader;
import gatehouse.config.SigningAlgorithm;
import gatehouse.secondfactor.RecoveryCodes;
import gatehouse.secondfactor.SecondFactors;
import gatehouse.secondfactor.StoredFactor;
import gatehouse.secondfactor.Totp;
import gatehouse.token.SigningKey;
import gatehouse.token.SigningKeys;
import gatehouse.domain.Role;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.codec.binary.Base32;
import gatehouse.session.SessionRows;
import org.jdbi.v3.core.Jdbi;

/**
 * The whole application started on a free port over a test database, with bcrypt cost 4. Built with
 * {@link #builder()}; {@link Builder#sharing(TestApp)} starts a second instance on the same database
 * and keys, as several instances behind a proxy would run.
 */
public final class TestApp implements AutoCloseable {
    /** One RSA key for the whole test run: generating one costs about 100 ms. */
    private static final SigningKey TEST_KEY = SigningKey.generate("RSA");
    /** The password of every test member; the one place it is written. */
    public static final String PASSWORD = "violet-harbor-lantern-92";
    /** A second strong password, never {@link #PASSWORD}: a changed password, or one given to a command. */
    public static final String NEW_PASSWORD = "copper-meadow-whistle-41";

    private final TestDatabase database;
    private final boolean ownsDatabase;
    private final Config config;
    private final Clock clock;
    private final SigningKeys keys;
    private final byte[] pepper;
    private final Javalin app;
    private final Services services;
    /** The authenticators of members enrolled through {@link #enrolSecondFactor}, as their phones hold them. */
    private final Map<String, Authenticator> authenticators;

    private TestApp(Builder b) {
        this.ownsDatabase = b.shared == null;
        // A second instance serves the same members, whose phones are the same.
        this.authenticators = b.shared != null ? b.shared.authenticators : new ConcurrentHashMap<>();
        this.database = b.shared != null ? b.shared.database : TestDatabase.open(b.databaseKind);
        this.clock = b.clock != null ? b.clock : b.shared != null ? b.shared.clock : Clock.systemUTC();
        Map<String, String> values = new HashMap<>();
        values.put("auth.bcrypt-cost", "4");
        // Suites send hundreds of logins from one address; RateLimitsTest sets the real limits back.
        values.put("server.rate-limit-burst", "100000");
        // Likewise suites re-check one member's password many times; PasswordRecheckLimitsTest sets the real limit.
        values.put("auth.password-recheck-burst", "100000");
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
        // One composition root for the server and the test: a change made through services() reaches the
        // running app's caches.
        this.services = Services.create(config, database.database(), keys, pepper, clock);
        this.app = App.create(services).start("127.0.0.1", b.port);
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
        private int port;
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

        /**
         * Listens on a free port chosen now, with {@code server.public-url} = {@code http://127.0.0.1:<port>}:
         * for OpenID clients, which insist that the issuer is the address they were given.
         */
        public Builder reachableIssuer() {
            this.port = FreePorts.outsideEphemeralRange();
            return set("server.public-url", "http://127.0.0.1:" + port);
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

    /** A new browser with an empty cookie jar; its logins answer the second step for enrolled members. */
    public TestClient client() {
        return new TestClient(baseUrl(), this::secondFactorCode);
    }

    public Javalin javalin() {
        return app;
    }

    /** The session statements over this app's database, to look at what a request left behind. */
    public SessionRows sessionRows() {
        return new SessionRows(jdbi());
    }

    public Jdbi jdbi() {
        return database.database().jdbi();
    }

    public UserDao users() {
        return services.userDao();
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

    /** The running app's own services (the same instances, caches included). */
    public Services services() {
        return services;
    }

    public Accounts accounts() {
        return services.accounts();
    }

    /**
     * Creates a member (or admin) with {@link #PASSWORD} directly through the service. An administrator gets
     * an enrolled second factor, as {@code auth.admin-second-factor=required} (the default) needs; the test
     * clients answer its login step by themselves.
     */
    public User createMember(String username, Role role) {
        var profile = new ProfileForm("Name " + username, "nick " + username, "", "", "", Gender.UNDISCLOSED.name(), true);
        if (role == Role.ADMIN) {
            accounts().createOrPromoteAdmin(username, PASSWORD);
            User admin = users().findByUsername(username).orElseThrow();
            enrolSecondFactor(admin);
            return admin;
        }
        return accounts().signUp(new SignupForm(username, PASSWORD, PASSWORD, profile), "127.0.0.1");
    }

    /** An administrator with no second factor, as one created before it was required. */
    public User createAdminWithoutSecondFactor(String username) {
        accounts().createOrPromoteAdmin(username, PASSWORD);
        return users().findByUsername(username).orElseThrow();
    }

    /** Turns on a second factor for {@code user} through the service, as a phone app would be enrolled. */
    public void enrolSecondFactor(User user) {
        var enrolment = secondFactors().newEnrolment(user.id(), user.username());
        byte[] secret = new Base32().decode(enrolment.secret());
        String code = new Totp().codeAt(secret, Totp.stepAt(clock.instant()));
        List<String> recoveryCodes = secondFactors().activate(user.id(), enrolment.sealed(), code, "127.0.0.1");
        authenticators.put(user.username(), new Authenticator(user.id(), secret, new ArrayDeque<>(recoveryCodes)));
    }

    public SecondFactors secondFactors() {
        return services.secondFactors();
    }

    /**
     * A code that completes {@code username}'s login step now, or null when the member has no second factor
     * enrolled by this app: the authenticator's code for the earliest step within drift that was not used yet,
     * and when all three were (many logins in one 30 s window), one of the member's recovery codes.
     */
    public String secondFactorCode(String username) {
        Authenticator authenticator = authenticators.get(username.toLowerCase(java.util.Locale.ROOT));
        if (authenticator == null) {
            return null;
        }
        Long lastUsed = services.secondFactorDao().find(authenticator.userId())
                .map(StoredFactor::lastUsedStep).orElse(null);
        long now = Totp.stepAt(clock.instant());
        for (long step = now - 1; step <= now + 1; step++) {
            if (lastUsed == null || step > lastUsed) {
                return new Totp().codeAt(authenticator.secret(), step);
            }
        }
        if (authenticator.recoveryCodes().isEmpty()) {
            // A suite that logs in an administrator dozens of times a minute: a new set, as the member would make.
            var maker = new RecoveryCodes(pepper);
            List<String> fresh = maker.newSet();
            services.secondFactorDao().replaceRecoveryCodes(authenticator.userId(),
                    fresh.stream().map(maker::hash).toList(), clock.instant());
            authenticator.recoveryCodes().addAll(fresh);
        }
        return authenticator.recoveryCodes().poll();
    }

    /** What a member's phone and drawer hold: the secret and the unused recovery codes. */
    private record Authenticator(UUID userId, byte[] secret, Queue<String> recoveryCodes) {}

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
