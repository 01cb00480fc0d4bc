package gatehouse.session;

import java.time.Instant;
import java.util.UUID;

/** A login session: one refresh-token family, as stored (only token hashes are kept). */
public record Session(
        UUID id,
        UUID userId,
        String currentHash,
        String previousHash,
        Instant rotatedAt,
        String userAgent,
        String ip,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant revokedAt) {

    public boolean isActive(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
