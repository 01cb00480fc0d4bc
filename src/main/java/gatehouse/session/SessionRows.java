package gatehouse.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The session statements that run on every refresh and every member page: through the fluent API with a
 * hand-written row mapper. Through the on-demand {@link SessionDao} each call attached all of the DAO's methods
 * and looked its row mapper up again, which cost more than the statements themselves (profiled: two thirds of
 * the member page's session read, and most of a rotation's database time, went to that machinery).
 */
public final class SessionRows {
    static final String ACTIVE_OF = """
            SELECT * FROM sessions
             WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now
             ORDER BY last_used_at DESC""";
    static final String BY_TOKEN_HASH =
            "SELECT s.* FROM sessions s JOIN refresh_tokens t ON t.session_id = s.id WHERE t.token_hash = :hash";
    /** Of parallel rotations of one token exactly one changes the row: the current hash is part of the condition. */
    static final String ROTATE_IF_CURRENT = """
            UPDATE sessions
               SET previous_hash = current_hash, current_hash = :newHash, rotated_at = :now, last_used_at = :now
             WHERE id = :id AND current_hash = :presentedHash AND revoked_at IS NULL AND expires_at > :now""";
    static final String INSERT_TOKEN_HASH =
            "INSERT INTO refresh_tokens (token_hash, session_id, issued_at) VALUES (:hash, :sessionId, :issuedAt)";

    private static final LoginSessionMapper SESSIONS = new LoginSessionMapper();

    private final Jdbi jdbi;

    public SessionRows(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A member's active sessions, most recently used first. */
    public List<LoginSession> activeOf(UUID userId, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery(ACTIVE_OF)
                .bind("userId", userId).bind("now", now).map(SESSIONS).list());
    }

    /** The session that issued the refresh token with this hash, current or rotated. */
    public Optional<LoginSession> findByTokenHash(String hash) {
        return jdbi.withHandle(handle -> handle.createQuery(BY_TOKEN_HASH).bind("hash", hash).map(SESSIONS).findOne());
    }

    /**
     * Replaces the session's current token by {@code newHash} and records the new hash, both or neither; false
     * when {@code presentedHash} is no longer current (a parallel request rotated it first) or the session ended.
     */
    public boolean rotate(UUID id, String presentedHash, String newHash, Instant now) {
        return jdbi.inTransaction(handle -> {
            int changed = handle.createUpdate(ROTATE_IF_CURRENT).bind("id", id).bind("presentedHash", presentedHash)
                    .bind("newHash", newHash).bind("now", now).execute();
            if (changed != 1) {
                return false;
            }
            handle.createUpdate(INSERT_TOKEN_HASH).bind("hash", newHash).bind("sessionId", id).bind("issuedAt", now)
                    .execute();
            return true;
        });
    }
}
