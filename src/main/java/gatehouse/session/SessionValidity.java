package gatehouse.session;

import gatehouse.domain.Role;
import java.time.Instant;
import java.util.UUID;

/** A session's validity as the auth check sees it, with its owner as a new access token names them. */
public record SessionValidity(UUID userId, String username, Role role, Instant expiresAt, Instant revokedAt) {}
