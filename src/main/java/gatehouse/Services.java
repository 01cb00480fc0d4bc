package gatehouse;

import gatehouse.account.Accounts;
import gatehouse.account.LegacyPasswords;
import gatehouse.account.LoginAttempts;
import gatehouse.account.LoginDeviceDao;
import gatehouse.account.LoginDevices;
import gatehouse.account.Logins;
import gatehouse.account.MemberCache;
import gatehouse.account.Passwords;
import gatehouse.account.UserDao;
import gatehouse.admin.AdminDao;
import gatehouse.admin.MemberAdministration;
import gatehouse.audit.AuditDao;
import gatehouse.audit.AuditLog;
import gatehouse.config.Config;
import gatehouse.db.Database;
import gatehouse.metrics.Metrics;
import gatehouse.oidc.ClientDao;
import gatehouse.oidc.Clients;
import gatehouse.oidc.Grants;
import gatehouse.oidc.OidcDao;
import gatehouse.oidc.OidcTokens;
import gatehouse.login.LoginChallengeDao;
import gatehouse.secondfactor.SecondFactorDao;
import gatehouse.secondfactor.SecondFactors;
import gatehouse.login.TwoStepLogin;
import gatehouse.session.SessionListCache;
import gatehouse.session.DeviceNames;
import gatehouse.session.RefreshTokens;
import gatehouse.setup.FirstAdministrator;
import gatehouse.setup.SetupDao;
import gatehouse.session.SessionDao;
import gatehouse.session.SessionRows;
import gatehouse.session.SessionValidityCache;
import gatehouse.session.TokenRenewal;
import gatehouse.token.AccessTokens;
import gatehouse.token.SigningKeys;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The composition root: every DAO and service, each built once. The server ({@link App}), the
 * command-line commands and the tests all start from here, so there is one session cache per process
 * and a change made through any of them reaches the others.
 */
public final class Services {
    private final Config config;
    private final Database database;
    private final SigningKeys keys;
    private final byte[] pepper;
    private final Clock clock;
    private final Metrics metrics;

    private final UserDao userDao;
    private final AdminDao adminDao;
    private final SessionDao sessionDao;
    private final SessionListCache sessionLists;
    private final AuditDao auditDao;
    private final SecondFactorDao secondFactorDao;
    private final LoginChallengeDao loginChallengeDao;
    private final OidcDao oidcDao;

    private final AuditLog audit;
    private final SessionValidityCache sessionValidity;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final TokenRenewal renewal;
    private final Passwords passwords;
    private final Accounts accounts;
    private final Logins logins;
    private final MemberAdministration members;
    private final Clients clients;
    private final OidcTokens oidcTokens;
    private final Grants grants;
    private final SecondFactors secondFactors;
    private final TwoStepLogin twoStepLogin;
    private final FirstAdministrator firstAdministrator;
    private final DeviceNames deviceNames;

    private Services(Config config, Database database, SigningKeys keys, byte[] pepper, Clock clock) {
        this.config = config;
        this.database = database;
        this.keys = keys;
        this.pepper = pepper.clone();
        this.clock = clock;
        Jdbi jdbi = database.jdbi();
        this.userDao = jdbi.onDemand(UserDao.class);
        this.adminDao = jdbi.onDemand(AdminDao.class);
        this.sessionDao = jdbi.onDemand(SessionDao.class);
        var sessionRows = new SessionRows(jdbi);
        this.auditDao = jdbi.onDemand(AuditDao.class);
        this.secondFactorDao = jdbi.onDemand(SecondFactorDao.class);
        this.loginChallengeDao = jdbi.onDemand(LoginChallengeDao.class);
        this.oidcDao = jdbi.onDemand(OidcDao.class);

        this.metrics = new Metrics(database, clock);
        this.audit = new AuditLog(auditDao, clock, List.of(metrics.auditListener()));
        this.sessionValidity = new SessionValidityCache(sessionDao, clock);
        this.sessionLists = new SessionListCache(sessionRows);
        this.refreshTokens = new RefreshTokens(sessionDao, sessionRows, sessionValidity, sessionLists, audit, config.auth(), clock);
        this.accessTokens = new AccessTokens(keys, config.auth(), clock);
        this.renewal = new TokenRenewal(refreshTokens, sessionValidity, accessTokens);
        this.passwords = new Passwords(pepper, config.auth().bcryptCost());
        // Members as pages and the API read them, 2 s fresh; every write that changes one forgets it here.
        var memberCache = MemberCache.over(userDao);
        var devices = new LoginDevices(jdbi.onDemand(LoginDeviceDao.class), pepper,
                config.auth().deviceTokenLife(), clock);
        var attempts = new LoginAttempts(userDao, devices, clock);
        this.accounts = new Accounts(jdbi, userDao, memberCache, passwords, refreshTokens, attempts, audit, clock,
                config.auth().passwordRecheckBurst());
        this.logins = new Logins(userDao, memberCache, passwords, new LegacyPasswords(jdbi, passwords, clock),
                refreshTokens, devices, attempts, audit, clock);
        this.members = new MemberAdministration(jdbi, database.writes(), adminDao, memberCache, refreshTokens, audit, clock);
        // OpenID Connect provider: tokens for other applications, issued by server.public-url.
        this.clients = new Clients(jdbi.onDemand(ClientDao.class), refreshTokens, audit, clock);
        this.oidcTokens = new OidcTokens(keys, config.server().publicUrl(), config.auth().accessTokenTtl(), clock);
        this.grants = new Grants(oidcDao, sessionDao, refreshTokens, accounts, oidcTokens, audit, clock);
        this.secondFactors = new SecondFactors(secondFactorDao, pepper, accounts, refreshTokens, audit, clock);
        this.twoStepLogin = new TwoStepLogin(loginChallengeDao, userDao, logins, secondFactors, clock);
        this.firstAdministrator = new FirstAdministrator(jdbi.onDemand(SetupDao.class), accounts, audit, clock);
        // One user-agent parser and its cache for every page that lists sessions.
        this.deviceNames = new DeviceNames();
    }

    /** Every service over an opened, migrated database; the pepper also roots the CSRF key. */
    public static Services create(Config config, Database database, SigningKeys keys, byte[] pepper, Clock clock) {
        return new Services(config, database, keys, pepper, clock);
    }

    public Config config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public SigningKeys keys() {
        return keys;
    }

    /** A copy: the pepper is a secret, and no caller may change the one the services use. */
    public byte[] pepper() {
        return pepper.clone();
    }

    public Clock clock() {
        return clock;
    }

    public UserDao userDao() {
        return userDao;
    }

    public AdminDao adminDao() {
        return adminDao;
    }

    public SessionDao sessionDao() {
        return sessionDao;
    }

    public SessionListCache sessionLists() {
        return sessionLists;
    }

    public AuditDao auditDao() {
        return auditDao;
    }

    public AuditLog audit() {
        return audit;
    }

    public SessionValidityCache sessionValidity() {
        return sessionValidity;
    }

    public RefreshTokens refreshTokens() {
        return refreshTokens;
    }

    public AccessTokens accessTokens() {
        return accessTokens;
    }

    public TokenRenewal renewal() {
        return renewal;
    }

    public Passwords passwords() {
        return passwords;
    }

    public Accounts accounts() {
        return accounts;
    }

    public Logins logins() {
        return logins;
    }

    public MemberAdministration members() {
        return members;
    }

    public Clients clients() {
        return clients;
    }

    public OidcTokens oidcTokens() {
        return oidcTokens;
    }

    public OidcDao oidcDao() {
        return oidcDao;
    }

    public Grants grants() {
        return grants;
    }

    public SecondFactorDao secondFactorDao() {
        return secondFactorDao;
    }

    public SecondFactors secondFactors() {
        return secondFactors;
    }

    public TwoStepLogin twoStepLogin() {
        return twoStepLogin;
    }

    public FirstAdministrator firstAdministrator() {
        return firstAdministrator;
    }

    public Metrics metrics() {
        return metrics;
    }

    public DeviceNames deviceNames() {
        return deviceNames;
    }
}
