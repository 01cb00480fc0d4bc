package gatehouse.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit_events table. User names are copied in, so events outlive the members they name. */
@RegisterConstructorMapper(AuditEntry.class)
public interface AuditDao {

    @SqlUpdate("""
            INSERT INTO audit_events (occurred_at, type, actor_id, actor_username, subject_id, subject_username, ip, detail)
            VALUES (:occurredAt, :type, :actorId,
                    (SELECT username FROM users WHERE id = :actorId),
                    :subjectId,
                    (SELECT username FROM users WHERE id = :subjectId),
                    :ip, :detail)""")
    void insert(Instant occurredAt, AuditEvent type, UUID actorId, UUID subjectId, String ip, String detail);

    /** As {@link #insert}, for a subject whose row may be gone (a deletion, perhaps by themselves): its name is given. */
    @SqlUpdate("""
            INSERT INTO audit_events (occurred_at, type, actor_id, actor_username, subject_id, subject_username, ip, detail)
            VALUES (:occurredAt, :type, :actorId,
                    COALESCE((SELECT username FROM users WHERE id = :actorId),
                             CASE WHEN :actorId = :subjectId THEN :subjectUsername END),
                    :subjectId,
                    COALESCE((SELECT username FROM users WHERE id = :subjectId), :subjectUsername),
                    :ip, :detail)""")
    void insertNamed(Instant occurredAt, AuditEvent type, UUID actorId, UUID subjectId, String subjectUsername,
                     String ip, String detail);

    /**
     * The admin page's filter, newest first: events a member did or underwent, found by id ({@code memberId})
     * or by the user name copied into the event ({@code username}, which still finds deleted members), and
     * of one {@code type}; each filter applies only when not null.
     */
    @SqlQuery("""
            SELECT * FROM audit_events
             WHERE (:memberId IS NULL OR subject_id = :memberId OR actor_id = :memberId)
               AND (:username IS NULL OR subject_username = :username OR actor_username = :username)
               AND (:type IS NULL OR type = :type)
             ORDER BY occurred_at DESC, id DESC
             LIMIT :limit OFFSET :offset""")
    List<AuditEntry> matching(UUID memberId, String username, AuditEvent type, int limit, int offset);

    @SqlQuery("""
            SELECT COUNT(*) FROM audit_events
             WHERE (:memberId IS NULL OR subject_id = :memberId OR actor_id = :memberId)
               AND (:username IS NULL OR subject_username = :username OR actor_username = :username)
               AND (:type IS NULL OR type = :type)""")
    long countMatching(UUID memberId, String username, AuditEvent type);
}
