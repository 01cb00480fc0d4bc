package gatehouse.login;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Logins between their password and their second factor. */
@RegisterConstructorMapper(LoginChallenge.class)
public interface LoginChallengeDao {

    @SqlUpdate("""
            INSERT INTO login_challenges (token_hash, user_id, next_path, failures, created_at, expires_at, device_id)
            VALUES (:tokenHash, :userId, :nextPath, :failures, :createdAt, :expiresAt, :deviceId)""")
    void insert(@BindMethods LoginChallenge challenge);

    @SqlQuery("SELECT * FROM login_challenges WHERE token_hash = :tokenHash AND expires_at > :now")
    Optional<LoginChallenge> findLive(String tokenHash, Instant now);

    @SqlUpdate("UPDATE login_challenges SET failures = failures + 1 WHERE token_hash = :tokenHash")
    int countFailure(String tokenHash);

    /** Returns 1 for the one request that ends the challenge; a parallel second one gets 0. */
    @SqlUpdate("DELETE FROM login_challenges WHERE token_hash = :tokenHash")
    int delete(String tokenHash);

    @SqlUpdate("DELETE FROM login_challenges WHERE expires_at <= :now")
    int deleteExpired(Instant now);
}
