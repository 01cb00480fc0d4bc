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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The member rules that pages and the API share: sign-up, password and profile changes, sessions, deletion (logging in is {@link Logins}). */
public final class Accounts {

    private final Jdbi jdbi;
    private final UserDao users;
    private final MemberCache memberCache;
    private final Passwords passwords;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordRechecks rechecks;

    /** @param recheckBurst password re-checks a member may make at once (then one a minute) */
    public Accounts(Jdbi jdbi, UserDao users, MemberCache memberCache, Passwords passwords, RefreshTokens refreshTokens,
                    LoginAttempts attempts, AuditLog audit, Clock clock, int recheckBurst) {
        this.jdbi = jdbi;
        this.memberCache = memberCache;
        this.users = users;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.clock = clock;
        this.rechecks = new PasswordRechecks(users, attempts, passwords, audit, clock, recheckBurst);
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

    /** Ends one session. */
    public void logOut(UUID userId, UUID sessionId, String ip) {
        refreshTokens.revokeOwn(userId, sessionId);
        audit.record(AuditEvent.LOGOUT, userId, userId, ip, null);
    }

    /** The member as of at most {@link MemberCache#FRESH_FOR} ago, or at once after a change made here. */
    public Optional<MemberAccount> member(UUID userId) {
        return memberCache.get(userId);
    }

    /** After a change to a member's user, profile or second factor on this instance: shown at once. */
    public void forgetMember(UUID userId) {
        memberCache.forget(userId);
    }

    /** Replaces the profile fields (never the user name or role). */
    public MemberAccount updateProfile(UUID userId, ProfileForm form, String ip) {
        MemberAccount current = member(userId).orElseThrow(MemberGone::new);
        Map<String, String> errors = new LinkedHashMap<>();
        Profile profile = form.validate(userId, current.profile(), clock, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        users.saveProfile(profile, clock.instant());
        memberCache.forget(userId);
        audit.record(AuditEvent.PROFILE_UPDATE, userId, userId, ip, null);
        return member(userId).orElseThrow(MemberGone::new);
    }

    /** Changes the password after checking the current one, and ends every other session. */
    public void changePassword(UUID userId, UUID keepSession, String current, String next, String confirm, String ip) {
        MemberAccount member = member(userId).orElseThrow(MemberGone::new);
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
        memberCache.forget(userId);
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
            memberCache.forget(existing.get().id());
            audit.record(AuditEvent.ROLE_CHANGE, null, existing.get().id(), "console", "promoted to ADMIN by create-admin");
            return false;
        }
        var profile = new ProfileForm(username, username, "", "", "", Gender.UNDISCLOSED.name(), false);
        User admin = create(new SignupForm(username, password, password, profile), Role.ADMIN);
        audit.record(AuditEvent.SIGNUP, null, admin.id(), "console", "administrator created by create-admin");
        return true;
    }

    /** Creates a new administrator under the sign-up rules (never promotes: the name must be free); the caller audits. */
    public User createAdmin(SignupForm form) {
        return create(form, Role.ADMIN);
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
