package gatehouse.setup;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The setup_tokens table, and the one question it depends on: is there an administrator yet. */
public interface SetupDao {

    @SqlQuery("SELECT COUNT(*) FROM users WHERE role = 'ADMIN'")
    long administrators();

    @SqlUpdate("INSERT INTO setup_tokens (token_hash, created_at) VALUES (:tokenHash, :createdAt)")
    void insert(String tokenHash, Instant createdAt);

    @SqlQuery("SELECT COUNT(*) FROM setup_tokens WHERE token_hash = :tokenHash")
    int count(String tokenHash);

    /** Takes the token for one attempt: 1 for the one request that gets it, 0 for any other. */
    @SqlUpdate("DELETE FROM setup_tokens WHERE token_hash = :tokenHash")
    int claim(String tokenHash);

    @SqlUpdate("DELETE FROM setup_tokens")
    int deleteAll();
}
