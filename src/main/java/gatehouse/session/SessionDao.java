package gatehouse.session;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Sessions (refresh-token families) and the hashes of every refresh token issued in them. */
@RegisterConstructorMapper(LoginSession.class)
public interface SessionDao {

    @SqlUpdate("""
            INSERT INTO sessions (id, user_id, current_hash, user_agent, ip, created_at, last_used_at, expires_at, amr)
            VALUES (:id, :userId, :currentHash, :userAgent, :ip, :createdAt, :lastUsedAt, :expiresAt, :amr)""")
    void insertSession(@BindMethods LoginSession session);

    @SqlUpdate(SessionRows.INSERT_TOKEN_HASH)
    void insertTokenHash(String hash, UUID sessionId, Instant issuedAt);

    /** A new family with its first token, both or neither. */
    @Transaction
    default void create(LoginSession session) {
        insertSession(session);
        insertTokenHash(session.currentHash(), session.id(), session.createdAt());
    }

    /** {@code userId}'s sessions that ended before {@code before}; their token hashes and grants go with them (cascade). */
    @SqlUpdate("DELETE FROM sessions WHERE user_id = :userId AND (revoked_at < :before OR expires_at < :before)")
    int deleteEndedOf(UUID userId, Instant before);

    @SqlQuery("SELECT * FROM sessions WHERE id = :id")
    Optional<LoginSession> find(UUID id);

    @SqlUpdate("UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    int revoke(UUID id, Instant now);

    @SqlUpdate("UPDATE sessions SET amr = :amr WHERE id = :id")
    int setAmr(UUID id, String amr);

    /** Ends a session only if it belongs to {@code userId}: ownership is checked by the same statement. */
    @SqlUpdate("UPDATE sessions SET revoked_at = :now WHERE id = :id AND user_id = :userId AND revoked_at IS NULL")
    int revokeOwned(UUID id, UUID userId, Instant now);

    @SqlUpdate("UPDATE sessions SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL")
    int revokeAllOf(UUID userId, Instant now);

    @SqlUpdate("UPDATE sessions SET revoked_at = :now WHERE user_id = :userId AND id <> :keep AND revoked_at IS NULL")
    int revokeAllOfExcept(UUID userId, UUID keep, Instant now);

    /** What the per-request validity check needs: the session's owner, their current role, and its state. */
    @SqlQuery("""
            SELECT s.user_id, u.username, u.role, s.expires_at, s.revoked_at
              FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.id = :id""")
    @RegisterConstructorMapper(SessionValidity.class)
    Optional<SessionValidity> state(UUID id);
}
