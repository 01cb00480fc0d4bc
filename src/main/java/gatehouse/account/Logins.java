package gatehouse.account;

import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditLog;
import gatehouse.session.RefreshTokens;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Logging in: the password step (throttled per account, or per trusted device), the legacy AuthSystem hash
 * replaced at its first match, and the session a successful login opens.
 */
public final class Logins {
    /**
     * A successful login: the member and the new session's refresh token. {@code passwordChangeRequired}:
     * an imported password below today's rules was accepted, and the member should change it now.
     */
    public record Login(User user, RefreshTokens.Issued session, boolean passwordChangeRequired, String deviceToken) {}

    /** A right password: the member, and the trusted device it came from (null when none). */
    public record Checked(User user, LoginDevice device) {}

    private final UserDao users;
    private final MemberCache memberCache;
    private final Passwords passwords;
    private final LegacyPasswords legacyPasswords;
    private final RefreshTokens refreshTokens;
    private final LoginDevices devices;
    private final LoginAttempts attempts;
    private final EqualTiming timing;
    private final AuditLog audit;
    private final Clock clock;

    public Logins(UserDao users, MemberCache memberCache, Passwords passwords, LegacyPasswords legacyPasswords,
                  RefreshTokens refreshTokens, LoginDevices devices, LoginAttempts attempts, AuditLog audit, Clock clock) {
        this.users = users;
        this.memberCache = memberCache;
        this.passwords = passwords;
        this.legacyPasswords = legacyPasswords;
        this.refreshTokens = refreshTokens;
        this.devices = devices;
        this.attempts = attempts;
        this.timing = new EqualTiming(passwords);
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The password step of a login: the member when the password is right. Empty for an unknown user, a
     * wrong password or a throttled account alike, which all take one bcrypt check's time, so the caller
     * cannot tell them apart. The attempt stays counted until {@link #openSession} (after a second factor,
     * if the member has one), so that guessing codes is throttled like guessing passwords.
     */
    public Optional<User> checkPassword(String rawUsername, String password, String ip) {
        return checkPassword(rawUsername, password, ip, null).map(Checked::user);
    }

    /**
     * As {@link #checkPassword(String, String, String)}, from a client that may hold a device token: when it
     * is valid for the member, only that device's failures throttle the attempt (see {@link LoginDevices}).
     */
    public Optional<Checked> checkPassword(String rawUsername, String password, String ip, String deviceToken) {
        String username = SignupForm.normalizeUsername(rawUsername);
        String candidate = password == null ? "" : password;
        Optional<User> found = username.isEmpty() || candidate.length() > 4 * Passwords.MAX_LENGTH
                ? Optional.empty() : users.findByUsername(username);
        Optional<Credentials> credentials = found.flatMap(user -> users.credentials(user.id()));
        if (credentials.isEmpty()) {
            timing.matchNobody(candidate);
            audit.record(AuditEvent.LOGIN_FAILURE, null, null, ip, "unknown user name");
            return Optional.empty();
        }
        User user = found.get();
        LoginDevice device = devices.validFor(deviceToken, user.id()).orElse(null);
        String from = device == null ? "" : " from a trusted device";
        Optional<LoginAttempts.Attempt> attempt = attempts.admit(user.id(), device);
        if (attempt.isEmpty()) {
            timing.matchNobody(candidate);
            audit.record(AuditEvent.LOGIN_FAILURE, null, user.id(), ip, "throttled" + from);
            return Optional.empty();
        }
        String storedHash = attempt.get().credentials().passwordHash();
        // An imported member's first login is checked against the original's hash, with the password
        // exactly as typed (the raw parameter: the original hashed it so).
        boolean legacy = LegacyPasswords.isAwaitingFirstLogin(storedHash);
        long started = System.nanoTime();
        Passwords.Match match = legacy ? Passwords.Match.NO : passwords.check(candidate, storedHash);
        boolean matched = legacy ? legacyPasswords.upgradeOnMatch(user, password == null ? "" : password, candidate)
                : match != Passwords.Match.NO;
        if (!matched) {
            if (!legacy) {
                timing.afterFailure(storedHash, candidate, started);
            }
            int failures = attempt.get().failures();
            audit.record(AuditEvent.LOGIN_FAILURE, null, user.id(), ip, "wrong password (" + failures + " in a row)" + from);
            if (attempt.get().lockedUntil() != null) {
                audit.record(device == null ? AuditEvent.ACCOUNT_LOCKED : AuditEvent.DEVICE_LOCKED, null, user.id(), ip,
                        "locked for " + LoginThrottle.waitAfter(failures).toSeconds() + " s" + (device == null ? "" : ", this device only"));
            }
            return Optional.empty();
        }
        if (!legacy && (passwords.needsRehash(storedHash) || match == Passwords.Match.YES_UNNORMALISED)) {
            users.replaceHash(user.id(), passwords.hash(candidate));
        }
        return Optional.of(new Checked(user, device));
    }

    /** The end of a successful login: clears the failure count and opens a session opened by {@code amr}. */
    public Login openSession(User user, List<String> amr, String ip, String userAgent) {
        return openSession(user, null, amr, ip, userAgent);
    }

    /**
     * As {@link #openSession(User, List, String, String)}, for a login from {@code device} (null: none): that
     * device's count is cleared (the account's stays, as guesses from elsewhere earned it), and the answer
     * carries the device token to keep.
     */
    public Login openSession(User user, LoginDevice device, List<String> amr, String ip, String userAgent) {
        if (device == null) {
            users.loginSucceeded(user.id(), clock.instant());
        } else {
            users.recordLogin(user.id(), clock.instant());
        }
        memberCache.forget(user.id());
        RefreshTokens.Issued session = refreshTokens.start(user.id(), userAgent, ip, amr);
        String deviceToken = devices.trust(user.id(), device);
        String how = (amr.size() > 1 ? "with second factor, " : "")
                + (deviceToken == null ? "" : device == null ? "new device token" : "from a trusted device");
        audit.record(AuditEvent.LOGIN_SUCCESS, user.id(), user.id(), ip, how.isEmpty() ? null : how);
        return new Login(user, session, legacyPasswords.passwordChangeRequired(user.id()), deviceToken);
    }

    /**
     * Counts one attempt of a later login step (a second-factor code) against the throttle of the device the
     * password step came from (null: the account's); false when throttled, and the attempt must not be checked.
     */
    public boolean admitAttempt(UUID userId, LoginDevice device) {
        return attempts.admit(userId, device).isPresent();
    }

    /** The trusted device {@code deviceId} of this member (a login waiting for its second factor came from it). */
    public Optional<LoginDevice> device(UUID deviceId, UUID userId) {
        return deviceId == null ? Optional.empty() : devices.byId(deviceId, userId);
    }
}
