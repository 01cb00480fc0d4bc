package gatehouse.account;

import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditLog;
import gatehouse.session.RefreshTokens;
import gatehouse.domain.ActionRefused;
import gatehouse.domain.MemberGone;
import gatehouse.domain.Role;
import gatehouse.domain.ValidationException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The member rules that pages and the API share: sign-up, login, password and profile changes, deletion. */
public final class Accounts {

    /**
     * A successful login: the member and the new session's refresh token. {@code passwordChangeRequired}:
     * an imported password below today's rules was accepted, and the member should change it now.
     */
    public record Login(User user, RefreshTokens.Issued session, boolean passwordChangeRequired, String deviceToken) {}

    /** A right password: the member, and the trusted device it came from (null when none). */
    public record Checked(User user, LoginDevice device) {}

    private final Jdbi jdbi;
    private final UserDao users;
    private final Passwords passwords;
    private final LegacyPasswords legacyPasswords;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final Clock clock;
    private final LoginDevices devices;
    private final LoginAttempts attempts;
    private final PasswordRechecks rechecks;
    private final EqualTiming timing;

    /** @param recheckBurst password re-checks a member may make at once (then one a minute) */
    public Accounts(Jdbi jdbi, UserDao users, Passwords passwords, RefreshTokens refreshTokens, LoginDevices devices,
                    AuditLog audit, Clock clock, int recheckBurst) {
        this.jdbi = jdbi;
        this.users = users;
        this.passwords = passwords;
        this.legacyPasswords = new LegacyPasswords(jdbi, passwords, clock);
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.clock = clock;
        this.devices = devices;
        this.attempts = new LoginAttempts(users, devices, clock);
        this.rechecks = new PasswordRechecks(users, attempts, passwords, audit, clock, recheckBurst);
        this.timing = new EqualTiming(passwords);
    }

    /** Creates a member with role MEMBER; throws {@link ValidationException} naming every bad field. */
    public User signUp(SignupForm form, String ip) {
        User user = create(form, Role.MEMBER);
        audit.record(AuditEvent.SIGNUP, user.id(), user.id(), ip, null);
        return user;
    }

    private User create(SignupForm form, Role role) {
        Map<String, String> errors = new LinkedHashMap<>();
        String username = SignupForm.normalizeUsername(form.username());
        SignupForm.checkUsername(username, errors);
        UUID id = UUID.randomUUID();
        Profile profile = form.profile().validate(id, null, clock, errors);
        checkNewPassword(form.password(), form.passwordConfirm(), "password", "passwordConfirm",
                List.of(username, profile.name(), profile.nickname()), true, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant();
        var user = new User(id, username, role, now, now, null);
        var credentials = new Credentials(id, passwords.hash(form.password()), now, 0, null);
        try {
            users.create(user, profile, credentials);
        } catch (UnableToExecuteStatementException e) {
            // The unique index decides: of racing sign-ups for one name exactly one insert succeeds.
            if (isUniqueViolation(e)) {
                throw ValidationException.of("username", "error.username.taken");
            }
            throw e;
        }
        return user;
    }

    private void checkNewPassword(String password, String confirm, String field, String confirmField,
                                  List<String> personal, boolean measureStrength, Map<String, String> errors) {
        if (password == null || password.isEmpty()) {
            errors.put(field, "error.password.required");
            return;
        }
        (measureStrength ? passwords.problem(password, personal) : passwords.ruleProblem(password, personal))
                .ifPresent(problem -> errors.put(field, problem));
        if (confirm == null || !Passwords.normalise(password).equals(Passwords.normalise(confirm))) {
            errors.put(confirmField, "error.password.mismatch");
        }
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

    /** Ends one session. */
    public void logOut(UUID userId, UUID sessionId, String ip) {
        refreshTokens.revoke(sessionId);
        audit.record(AuditEvent.LOGOUT, userId, userId, ip, null);
    }

    public Optional<Member> member(UUID userId) {
        return users.findById(userId).flatMap(user -> users.profile(userId).map(profile -> new Member(user, profile)));
    }

    /** Replaces the profile fields (never the user name or role). */
    public Member updateProfile(UUID userId, ProfileForm form, String ip) {
        Member current = member(userId).orElseThrow(MemberGone::new);
        Map<String, String> errors = new LinkedHashMap<>();
        Profile profile = form.validate(userId, current.profile(), clock, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        users.saveProfile(profile, clock.instant());
        audit.record(AuditEvent.PROFILE_UPDATE, userId, userId, ip, null);
        return member(userId).orElseThrow(MemberGone::new);
    }

    /** Changes the password after checking the current one, and ends every other session. */
    public void changePassword(UUID userId, UUID keepSession, String current, String next, String confirm, String ip) {
        Member member = member(userId).orElseThrow(MemberGone::new);
        Map<String, String> errors = new LinkedHashMap<>();
        // The current password first: zxcvbn (the expensive rule) runs only for the member who knows it.
        boolean known = confirmPassword(userId, current, ip);
        if (!known) {
            errors.put("currentPassword", "error.password.current");
        }
        checkNewPassword(next, confirm, "newPassword", "newPasswordConfirm",
                List.of(member.user().username(), member.profile().name(), member.profile().nickname()), known, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        users.changePassword(userId, passwords.hash(next), clock.instant());
        refreshTokens.revokeAllOf(userId, keepSession);
        audit.record(AuditEvent.PASSWORD_CHANGE, userId, userId, ip, "other sessions ended");
    }

    /**
     * Deletes the member's own account after checking the password; profile, credentials and sessions go
     * with it. The last administrator is refused, as on the admin page: nobody could manage members after.
     */
    public void deleteOwnAccount(UUID userId, String password, String ip) {
        if (!confirmPassword(userId, password, ip)) {
            throw ValidationException.of("password", "error.password.current");
        }
        String username = jdbi.inTransaction(handle -> {
            UserDao tx = handle.attach(UserDao.class);
            List<UUID> admins = tx.lockAdmins();
            User user = tx.findById(userId).orElseThrow(MemberGone::new);
            if (user.role() == Role.ADMIN && admins.size() <= 1) {
                throw new ActionRefused("error.me.lastAdmin");
            }
            tx.delete(userId);
            return user.username();
        });
        refreshTokens.forgetAllCachedStates();
        audit.recordAbout(AuditEvent.ACCOUNT_DELETED, userId, userId, username, ip, "deleted by the member");
    }

    /** Ends one of the member's own sessions; false when {@code sessionId} is not an active session of theirs. */
    public boolean endSession(UUID userId, UUID sessionId, String ip) {
        if (!refreshTokens.revokeOwn(userId, sessionId)) {
            return false;
        }
        audit.record(AuditEvent.SESSIONS_REVOKED, userId, userId, ip, "session " + sessionId + " ended by the member");
        return true;
    }

    /** "Log out everywhere else": ends every session of the member but {@code keep}. */
    public int endOtherSessions(UUID userId, UUID keep, String ip) {
        int ended = refreshTokens.revokeAllOf(userId, keep);
        audit.record(AuditEvent.SESSIONS_REVOKED, userId, userId, ip, ended + " other sessions ended by the member");
        return ended;
    }

    /**
     * Confirms the member's current password (password change, deletion, second-factor changes): limited per
     * member and by the login throttle, throwing {@link gatehouse.domain.TooManyAttempts} (429) without a
     * bcrypt when exceeded; a stolen session must not become an unlimited password oracle.
     */
    public boolean confirmPassword(UUID userId, String password, String ip) {
        return rechecks.confirm(userId, password, ip);
    }

    /**
     * Creates an administrator, or promotes an existing member (whose password then is left as it was).
     * Returns true when a new account was created.
     */
    public boolean createOrPromoteAdmin(String rawUsername, String password) {
        String username = SignupForm.normalizeUsername(rawUsername);
        Optional<User> existing = users.findByUsername(username);
        if (existing.isPresent()) {
            users.setRole(existing.get().id(), Role.ADMIN, clock.instant());
            audit.record(AuditEvent.ROLE_CHANGE, null, existing.get().id(), "console", "promoted to ADMIN by create-admin");
            return false;
        }
        var profile = new ProfileForm(username, username, "", "", "", Gender.UNDISCLOSED.name(), false);
        User admin = create(new SignupForm(username, password, password, profile), Role.ADMIN);
        audit.record(AuditEvent.SIGNUP, null, admin.id(), "console", "administrator created by create-admin");
        return true;
    }

    private static boolean isUniqueViolation(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
