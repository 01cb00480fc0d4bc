package gatehouse.api;

import gatehouse.account.Gender;
import gatehouse.admin.MemberRow;
import gatehouse.web.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A member as administrators see them through the API: the member list's columns, never credentials. */
public record UserView(
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

    public static UserView of(MemberRow row) {
        return new UserView(row.id(), row.username(), row.role(), row.name(), row.nickname(), row.gender(),
                row.birthday(), row.phone(), row.privacyConsent(), row.privacyConsentAt(), row.createdAt(),
                row.updatedAt(), row.lastLoginAt(), row.lockedUntil(), row.failedLogins(), row.activeSessions());
    }
}
