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

    /** Newest first; {@code subjectId} and {@code type} filter when not null. */
    @SqlQuery("""
            SELECT * FROM audit_events
             WHERE (:subjectId IS NULL OR subject_id = :subjectId OR actor_id = :subjectId)
               AND (:type IS NULL OR type = :type)
             ORDER BY occurred_at DESC, id DESC
             LIMIT :limit OFFSET :offset""")
    List<AuditEntry> page(UUID subjectId, AuditEvent type, int limit, int offset);

    @SqlQuery("""
            SELECT COUNT(*) FROM audit_events
             WHERE (:subjectId IS NULL OR subject_id = :subjectId OR actor_id = :subjectId)
               AND (:type IS NULL OR type = :type)""")
    long count(UUID subjectId, AuditEvent type);
}
