package gatehouse.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads a sessions row by column name, as the constructor mapper would, without its per-query reflection
 * (which cost more than the query on the member page, where the session list is read on every view).
 * Instants are UTC wall-clock DATETIME and ids CHAR(36), as {@code Database} stores them.
 */
public final class LoginSessionMapper implements RowMapper<LoginSession> {

    @Override
    public LoginSession map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new LoginSession(
                UUID.fromString(rs.getString("id")),
                UUID.fromString(rs.getString("user_id")),
                rs.getString("current_hash"),
                rs.getString("previous_hash"),
                instant(rs, "rotated_at"),
                rs.getString("user_agent"),
                rs.getString("ip"),
                instant(rs, "created_at"),
                instant(rs, "last_used_at"),
                instant(rs, "expires_at"),
                instant(rs, "revoked_at"),
                rs.getString("amr"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime time = rs.getObject(column, LocalDateTime.class);
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
