package gatehouse.audit;

import java.time.Instant;
import java.util.UUID;

/** One recorded security event: what happened, who did it, to whom, when and from where. */
public record AuditEntry(
        long id,
        Instant occurredAt,
        AuditEvent type,
        UUID actorId,
        String actorUsername,
        UUID subjectId,
        String subjectUsername,
        String ip,
        String detail) {}
