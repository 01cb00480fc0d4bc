package gatehouse.admin;

import gatehouse.domain.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The user-management queries. One paged statement per page: search and sort happen in the database,
 * never by loading every member. {@code <orderBy>} is filled only from {@link MemberSort}.
 */
@RegisterRowMapper(MemberListEntryMapper.class)
public interface AdminDao {

    String MEMBER_COLUMNS = """
            SELECT u.id, u.username, u.role, p.name, p.nickname, p.gender, p.birthday, p.phone,
                   p.privacy_consent, p.privacy_consent_at, u.created_at, u.updated_at, u.last_login_at,
                   c.locked_until, c.failed_logins,
                   (SELECT COUNT(*) FROM sessions s
                     WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > :now) AS active_sessions
              FROM users u
              JOIN profiles p ON p.user_id = u.id
              JOIN credentials c ON c.user_id = u.id
            """;

    /** {@code pattern} is a LIKE pattern on lower-case text, or null for every member. */
    String SEARCH = """
             WHERE (:pattern IS NULL OR u.username LIKE :pattern ESCAPE '!'
                    OR LOWER(p.name) LIKE :pattern ESCAPE '!' OR LOWER(p.nickname) LIKE :pattern ESCAPE '!')
            """;

    String PAGE = MEMBER_COLUMNS + SEARCH + " ORDER BY <orderBy> LIMIT :limit OFFSET :offset";

    /**
     * A page of the whole list as a deferred join: the page's ids are found on the users table alone (an
     * index in the sort order, V9), and only those 25 rows are joined with profiles, credentials and
     * sessions. Page 200 then skips 4,975 index entries, not 4,975 joined and sorted rows.
     */
    String PAGE_OF_ALL = MEMBER_COLUMNS + """
             JOIN (SELECT u.id FROM users u ORDER BY <orderBy> LIMIT :limit OFFSET :offset) page ON page.id = u.id
             ORDER BY <orderBy>""";

    /**
     * Every member has a profile, so LEFT JOIN counts the same as JOIN; but without a search MariaDB then
     * drops the profiles table from the plan and counts one index: 100,000 members in ~20 ms, not ~350 ms.
     */
    String COUNT = "SELECT COUNT(*) FROM users u LEFT JOIN profiles p ON p.user_id = u.id " + SEARCH;

    @SqlQuery(PAGE)
    List<MemberListEntry> search(String pattern, @Define String orderBy, int limit, int offset, Instant now);

    @SqlQuery(COUNT)
    long count(String pattern);

    @SqlQuery(PAGE_OF_ALL)
    List<MemberListEntry> pageOfAll(@Define String orderBy, int limit, int offset, Instant now);

    /** Which of the listed members ({@code <ids>}, a bound list) have a second factor. */
    String WITH_SECOND_FACTOR = "SELECT user_id FROM second_factors WHERE user_id IN (<ids>)";

    /** Every member has one users row: the table's own count, without the join. */
    String COUNT_ALL = "SELECT COUNT(*) FROM users";

    @SqlQuery(COUNT_ALL)
    long countAll();

    @SqlQuery(MEMBER_COLUMNS + " WHERE u.id = :id")
    Optional<MemberListEntry> find(UUID id, Instant now);

    /** Locks the administrators' rows, so that two last-admin checks cannot pass at once. */
    @SqlQuery("SELECT id FROM users WHERE role = 'ADMIN' FOR UPDATE")
    List<UUID> lockAdmins();

    @SqlUpdate("UPDATE users SET role = :role, updated_at = :now WHERE id = :id")
    int setRole(UUID id, Role role, Instant now);

    @SqlUpdate("DELETE FROM users WHERE id = :id")
    int delete(UUID id);

    @SqlUpdate("UPDATE credentials SET failed_logins = 0, locked_until = NULL WHERE user_id = :id")
    int unlock(UUID id);
}
