package gatehouse.setup;

import gatehouse.account.Accounts;
import gatehouse.account.Gender;
import gatehouse.account.ProfileForm;
import gatehouse.account.SignupForm;
import gatehouse.account.User;
import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditLog;
import gatehouse.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The first administrator without a terminal: while none exists, a one-time token (256 random bits, stored
 * hashed) opens the setup page; it is good until used or until an administrator exists by any way.
 */
public final class FirstAdministrator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SetupDao dao;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    public FirstAdministrator(SetupDao dao, Accounts accounts, AuditLog audit, Clock clock) {
        this.dao = dao;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    public boolean administratorExists() {
        return dao.administrators() > 0;
    }

    /** A new setup token while no administrator exists (its hash stored), else empty and every token gone. */
    public Optional<String> newToken() {
        if (administratorExists()) {
            dao.deleteAll();
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        dao.insert(hash(token), clock.instant());
        return Optional.of(token);
    }

    /** True when {@code token} opens the setup page now. */
    public boolean isOpen(String token) {
        return token != null && token.length() <= 100 && !administratorExists() && dao.count(hash(token)) == 1;
    }

    /**
     * Creates the first administrator with {@code token}; empty when the token does not open the page (used,
     * unknown, or an administrator exists). Throws {@link ValidationException} for a bad name or password,
     * and the token stays good for the corrected form.
     */
    public Optional<User> create(String token, String username, String password, String passwordConfirm, String ip) {
        if (token == null || token.length() > 100 || dao.claim(hash(token)) != 1) {
            return Optional.empty();
        }
        if (administratorExists()) {
            dao.deleteAll();
            return Optional.empty();
        }
        try {
            User admin = accounts.createAdmin(form(username, password, passwordConfirm));
            dao.deleteAll();
            audit.record(AuditEvent.ADMIN_SETUP, admin.id(), admin.id(), ip, "first administrator created on the setup page");
            return Optional.of(admin);
        } catch (ValidationException e) {
            // Claimed for this attempt only: the person corrects the form with the same link.
            dao.insert(hash(token), clock.instant());
            throw e;
        }
    }

    /** The administrator an automated deployment names at start; empty when one exists already. */
    public Optional<User> bootstrap(String username, String password) {
        if (administratorExists()) {
            return Optional.empty();
        }
        User admin = accounts.createAdmin(form(username, password, password));
        dao.deleteAll();
        audit.record(AuditEvent.ADMIN_SETUP, null, admin.id(), "console",
                "first administrator created from GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME at start");
        return Optional.of(admin);
    }

    /** Name and nickname start as the user name, as with create-admin; the administrator edits them later. */
    private static SignupForm form(String username, String password, String passwordConfirm) {
        String name = SignupForm.normalizeUsername(username);
        var profile = new ProfileForm(name, name, "", "", "", Gender.UNDISCLOSED.name(), false);
        return new SignupForm(username, password, passwordConfirm, profile);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
