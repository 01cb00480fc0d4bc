package gatehouse.account;

import java.time.Instant;
import java.util.UUID;

/** A member's password hash and login-throttling state, kept apart from the profile. */
public record Credentials(UUID userId, String passwordHash, Instant passwordChangedAt, int failedLogins, Instant lockedUntil) {

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
