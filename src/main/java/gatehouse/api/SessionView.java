package gatehouse.api;

import gatehouse.session.LoginSession;
import java.time.Instant;
import java.util.UUID;

/** A login session as its owner sees it; the token hashes stay on the server. */
public record SessionView(
        UUID id,
        String userAgent,
        String ip,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt,
        boolean current) {

    public static SessionView of(LoginSession session, UUID currentSessionId) {
        return new SessionView(session.id(), session.userAgent(), session.ip(), session.createdAt(),
                session.lastUsedAt(), session.expiresAt(), session.id().equals(currentSessionId));
    }
}
