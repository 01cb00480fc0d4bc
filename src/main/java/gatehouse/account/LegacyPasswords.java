package gatehouse.account;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Passwords imported from the original AuthSystem: a plain bcrypt hash of the password as typed (no pepper,
 * no normalisation), checked that way once at the member's first login and then replaced by the normal
 * peppered hash in the same transaction that forgets the legacy one.
 */
public final class LegacyPasswords {
    /**
     * What {@code credentials.password_hash} holds while the legacy hash waits for the first login. It is
     * no bcrypt hash, so {@link Passwords#matches} never accepts anything against it.
     */
    public static final String AWAITING_FIRST_LOGIN = "legacy:authsystem";

    private final Jdbi jdbi;
    private final LegacyPasswordDao dao;
    private final UserDao users;
    private final Passwords passwords;
    private final Clock clock;

    public LegacyPasswords(Jdbi jdbi, Passwords passwords, Clock clock) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(LegacyPasswordDao.class);
        this.users = jdbi.onDemand(UserDao.class);
        this.passwords = passwords;
        this.clock = clock;
    }

    public static boolean isAwaitingFirstLogin(String storedHash) {
        return AWAITING_FIRST_LOGIN.equals(storedHash);
    }

    /**
     * The original's hashes say {@code $2b$}, which jbcrypt does not read; {@code $2a$} is the same
     * algorithm for passwords under 255 bytes (the {@code $2b$} fix concerns longer ones). Empty when
     * {@code hash} is no bcrypt hash at all.
     */
    public static Optional<String> readableByJbcrypt(String hash) {
        if (hash == null || !hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
            return Optional.empty();
        }
        return Optional.of("$2a$" + hash.substring(4));
    }

    /**
     * Checks {@code typed} (exactly as the member typed it: the original hashed it so) against the member's
     * legacy hash; on a match stores the peppered hash of {@code normalised} instead and forgets the legacy
     * hash, in one transaction. A password that breaks today's rules is accepted this once and marked for
     * a change. False when there is no legacy hash or it does not match.
     */
    public boolean upgradeOnMatch(User user, String typed, String normalised) {
        Optional<String> legacy = dao.legacyHash(user.id());
        if (legacy.isEmpty() || !matchesTheOriginalWay(typed, legacy.get())) {
            return false;
        }
        String peppered = passwords.hash(normalised);
        boolean weak = breaksTodaysRules(user, normalised);
        jdbi.useTransaction(handle -> {
            LegacyPasswordDao tx = handle.attach(LegacyPasswordDao.class);
            // A parallel first login may have upgraded already (to a hash of this same password).
            if (tx.forget(user.id(), legacy.get()) == 1) {
                tx.replaceHash(user.id(), peppered);
                if (weak) {
                    tx.weakPasswordAccepted(user.id(), clock.instant());
                }
            }
        });
        return true;
    }

    /** True while the member logged in with a legacy password below today's rules and has not changed it. */
    public boolean passwordChangeRequired(UUID userId) {
        return dao.passwordChangeRequired(userId) > 0;
    }

    /** bcrypt as the original ran it: over the UTF-8 bytes as typed, of which it reads the first 72. */
    private boolean matchesTheOriginalWay(String typed, String legacyHash) {
        return passwords.onPool(() -> {
            try {
                return BCrypt.checkpw(typed, legacyHash);
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                return false;
            }
        });
    }

    private boolean breaksTodaysRules(User user, String password) {
        Optional<Profile> profile = users.profile(user.id());
        List<String> personal = List.of(user.username(), profile.map(Profile::name).orElse(""),
                profile.map(Profile::nickname).orElse(""));
        return passwords.problem(password, personal).isPresent();
    }
}
