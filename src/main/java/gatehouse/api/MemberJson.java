package gatehouse.api;

import gatehouse.account.Gender;
import gatehouse.account.MemberAccount;
import gatehouse.domain.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A member as the API shows them to themselves: identity and profile, never credentials. */
public record MemberJson(
        UUID id,
        String username,
        Role role,
        String name,
        String nickname,
        String introduction,
        String phone,
        LocalDate birthday,
        Gender gender,
        boolean privacyConsent,
        Instant privacyConsentAt,
        Instant createdAt,
        Instant updatedAt,
        Instant lastLoginAt) {

    public static MemberJson of(MemberAccount member) {
        var user = member.user();
        var profile = member.profile();
        return new MemberJson(user.id(), user.username(), user.role(), profile.name(), profile.nickname(),
                profile.introduction(), profile.phone(), profile.birthday(), profile.gender(),
                profile.privacyConsent(), profile.privacyConsentAt(), user.createdAt(), user.updatedAt(),
                user.lastLoginAt());
    }
}
