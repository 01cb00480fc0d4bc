package gatehouse.session;

import gatehouse.token.Amr;
import java.time.Instant;
import java.util.UUID;

/** A login session: one refresh-token family, as stored (only token hashes are kept). */
public record LoginSession(
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
        Instant revokedAt,
        String amr) {

    /** How the session was opened, as the {@code amr} claim lists it. */
    public java.util.List<String> amrList() {
        return Amr.parse(amr);
    }

    public boolean isActive(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
