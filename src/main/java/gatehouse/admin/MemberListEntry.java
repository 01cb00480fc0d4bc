package gatehouse.admin;

import gatehouse.account.Gender;
import gatehouse.domain.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One line of the user-management table: the original's columns plus lock state, last login and sessions.
 * The admin API returns it as it is, so it holds nothing an administrator may not see (no credentials).
 */
public record MemberListEntry(
        UUID id,
        String username,
        Role role,
        String name,
        String nickname,
        Gender gender,
        LocalDate birthday,
        String phone,
        boolean privacyConsent,
        Instant privacyConsentAt,
        Instant createdAt,
        Instant updatedAt,
        Instant lastLoginAt,
        Instant lockedUntil,
        int failedLogins,
        int activeSessions) {

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
