package gatehouse.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * A member's active sessions, most recently used first, as the member page lists them on every view. A DAO of
 * its own because an on-demand DAO attaches every one of its methods on each call: through {@link SessionDao}
 * the attaching cost several times the query itself.
 */
@RegisterRowMapper(LoginSessionMapper.class)
public interface SessionListDao {
    String ACTIVE_OF = """
            SELECT * FROM sessions
             WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now
             ORDER BY last_used_at DESC""";

    @SqlQuery(ACTIVE_OF)
    List<LoginSession> activeOf(UUID userId, Instant now);
}
