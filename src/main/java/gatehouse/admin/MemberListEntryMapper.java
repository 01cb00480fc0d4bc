package gatehouse.admin;

import gatehouse.account.Gender;
import gatehouse.domain.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads a member-list line by column name, as the constructor mapper would, but without its per-query
 * reflection (matching columns to parameters and finding a mapper for each on every result set costs more
 * than the query itself on the member-list page). Instants are UTC wall-clock DATETIME, ids CHAR(36), as
 * {@code Database} stores them.
 */
public final class MemberListEntryMapper implements RowMapper<MemberListEntry> {

    @Override
    public MemberListEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
        String gender = rs.getString("gender");
        return new MemberListEntry(
                UUID.fromString(rs.getString("id")),
                rs.getString("username"),
                Role.valueOf(rs.getString("role")),
                rs.getString("name"),
                rs.getString("nickname"),
                gender == null ? null : Gender.valueOf(gender),
                rs.getObject("birthday", LocalDate.class),
                rs.getString("phone"),
                rs.getBoolean("privacy_consent"),
                instant(rs, "privacy_consent_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "last_login_at"),
                instant(rs, "locked_until"),
                rs.getInt("failed_logins"),
                rs.getInt("active_sessions"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime time = rs.getObject(column, LocalDateTime.class);
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
