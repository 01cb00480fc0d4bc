package gatehouse.account;

import java.time.Instant;
import java.util.UUID;

/** A browser or API client that has logged in as a member, with its own failed-login count. */
public record LoginDevice(UUID id, UUID userId, int failedLogins, Instant lockedUntil, Instant createdAt,
                          Instant lastLoginAt) {

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
