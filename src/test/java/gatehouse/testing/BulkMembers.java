package gatehouse.testing;

import gatehouse.account.UserDao;
import gatehouse.domain.Role;
import gatehouse.token.Amr;
import gatehouse.session.RefreshTokens;
import gatehouse.session.LoginSession;
import gatehouse.session.SessionDao;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Many members at once, for benchmarks and tests: batched inserts that all share one precomputed
 * password hash, so 10,000 members cost seconds instead of 10,000 bcrypt sign-ups. Not reachable from
 * any route; the server never calls it.
 */
public final class BulkMembers {
    private static final int BATCH = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BulkMembers() {}

    /** Opens a session for each of {@code usernames} and returns its refresh token, as a login would. */
    public static List<String> sessions(Jdbi jdbi, List<String> usernames, Instant now) {
        SessionDao sessions = jdbi.onDemand(SessionDao.class);
        UserDao users = jdbi.onDemand(UserDao.class);
        List<String> tokens = new ArrayList<>();
        for (String username : usernames) {
            UUID userId = users.findByUsername(username).orElseThrow().id();
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            sessions.create(new LoginSession(UUID.randomUUID(), userId, RefreshTokens.hash(token), null, null, "bench", "127.0.0.1",
                    now, now, now.plus(Duration.ofDays(14)), null, Amr.stored(Amr.PASSWORD)));
            tokens.add(token);
        }
        return tokens;
    }

    /**
     * Inserts {@code count} members named {@code prefix0 … prefix(count-1)}, joined one second apart
     * before {@code now}, each with {@code passwordHash}.
     */
    public static void insert(Jdbi jdbi, String prefix, int count, Role role, String passwordHash, Instant now) {
        for (int from = 0; from < count; from += BATCH) {
            int start = from;
            int end = Math.min(count, from + BATCH);
            jdbi.useTransaction(handle -> {
                var users = handle.prepareBatch("""
                        INSERT INTO users (id, username, role, created_at, updated_at, last_login_at)
                        VALUES (:id, :username, :role, :at, :at, NULL)""");
                var profiles = handle.prepareBatch("""
                        INSERT INTO profiles (user_id, name, nickname, introduction, phone, birthday, gender,
                                              privacy_consent, privacy_consent_at)
                        VALUES (:id, :name, :nickname, NULL, NULL, NULL, 'UNDISCLOSED', FALSE, NULL)""");
                var credentials = handle.prepareBatch("""
                        INSERT INTO credentials (user_id, password_hash, password_changed_at, failed_logins, locked_until)
                        VALUES (:id, :hash, :at, 0, NULL)""");
                for (int i = start; i < end; i++) {
                    UUID id = UUID.randomUUID();
                    Instant at = now.minus(count - i, ChronoUnit.SECONDS);
                    users.bind("id", id).bind("username", prefix + i).bind("role", role.name()).bind("at", at).add();
                    profiles.bind("id", id).bind("name", "Member " + i).bind("nickname", "m" + i).add();
                    credentials.bind("id", id).bind("hash", passwordHash).bind("at", at).add();
                }
                users.execute();
                profiles.execute();
                credentials.execute();
            });
        }
    }
}
