package gatehouse.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Authorization codes, grants and consents. */
@RegisterConstructorMapper(AuthorizationCode.class)
@RegisterConstructorMapper(Grant.class)
@RegisterConstructorMapper(Consent.class)
public interface OidcDao {

    @SqlUpdate("""
            INSERT INTO oauth_codes (code_hash, client_id, user_id, redirect_uri, scopes, nonce, code_challenge,
                                     auth_time, amr, locale, created_at, expires_at)
            VALUES (:codeHash, :clientId, :userId, :redirectUri, :scopes, :nonce, :codeChallenge,
                    :authTime, :amr, :locale, :createdAt, :expiresAt)""")
    void insertCode(@BindMethods AuthorizationCode code);

    @SqlQuery("SELECT * FROM oauth_codes WHERE code_hash = :codeHash")
    Optional<AuthorizationCode> findCode(String codeHash);

    /** Of two exchanges of one code exactly one changes the row: the code is single-use. */
    @SqlUpdate("UPDATE oauth_codes SET used_at = :now WHERE code_hash = :codeHash AND used_at IS NULL")
    int markUsed(String codeHash, Instant now);

    @SqlUpdate("UPDATE oauth_codes SET session_id = :sessionId WHERE code_hash = :codeHash")
    void setCodeSession(String codeHash, UUID sessionId);

    /** Codes live about a minute; used and expired ones are only kept a day, to recognise replays. */
    @SqlUpdate("DELETE FROM oauth_codes WHERE expires_at < :before")
    int deleteCodesExpiredBefore(Instant before);

    @SqlUpdate("""
            INSERT INTO oauth_grants (session_id, client_id, user_id, scopes, auth_time, amr, locale)
            VALUES (:sessionId, :clientId, :userId, :scopes, :authTime, :amr, :locale)""")
    void insertGrant(@BindMethods Grant grant);

    @SqlQuery("SELECT * FROM oauth_grants WHERE session_id = :sessionId")
    Optional<Grant> findGrant(UUID sessionId);

    @SqlQuery("SELECT session_id FROM oauth_grants WHERE user_id = :userId AND client_id = :clientId")
    List<UUID> grantSessions(UUID userId, String clientId);

    @SqlQuery("""
            SELECT c.client_id, k.name AS client_name, c.scopes, c.granted_at
              FROM oauth_consents c JOIN oauth_clients k ON k.client_id = c.client_id
             WHERE c.user_id = :userId AND c.client_id = :clientId""")
    Optional<Consent> findConsent(UUID userId, String clientId);

    @SqlQuery("""
            SELECT c.client_id, k.name AS client_name, c.scopes, c.granted_at
              FROM oauth_consents c JOIN oauth_clients k ON k.client_id = c.client_id
             WHERE c.user_id = :userId ORDER BY k.name""")
    List<Consent> consentsOf(UUID userId);

    @SqlUpdate("DELETE FROM oauth_consents WHERE user_id = :userId AND client_id = :clientId")
    int deleteConsent(UUID userId, String clientId);

    @SqlUpdate("INSERT INTO oauth_consents (user_id, client_id, scopes, granted_at) VALUES (:userId, :clientId, :scopes, :now)")
    void insertConsent(UUID userId, String clientId, String scopes, Instant now);

    /** Replaces the member's consent for the client (a wider one after new scopes were asked for). */
    @Transaction
    default void saveConsent(UUID userId, String clientId, String scopes, Instant now) {
        deleteConsent(userId, clientId);
        insertConsent(userId, clientId, scopes, now);
    }

    @SqlUpdate("""
            UPDATE sessions SET revoked_at = :now
             WHERE revoked_at IS NULL
               AND id IN (SELECT session_id FROM oauth_grants WHERE user_id = :userId AND client_id = :clientId)""")
    int revokeGrants(UUID userId, String clientId, Instant now);

    /** Withdraws the consent and ends what the client holds for the member. */
    @Transaction
    default boolean withdraw(UUID userId, String clientId, Instant now) {
        revokeGrants(userId, clientId, now);
        return deleteConsent(userId, clientId) == 1;
    }
}
