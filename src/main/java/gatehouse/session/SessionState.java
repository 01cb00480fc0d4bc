package gatehouse.session;

import gatehouse.web.Role;
import java.time.Instant;
import java.util.UUID;

/** A session's validity as the auth check sees it. */
public record SessionState(UUID userId, Role role, Instant expiresAt, Instant revokedAt) {}
