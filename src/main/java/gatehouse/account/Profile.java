package gatehouse.account;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** What a member tells about themselves. */
public record Profile(
        UUID userId,
        String name,
        String nickname,
        String introduction,
        String phone,
        LocalDate birthday,
        Gender gender,
        boolean privacyConsent,
        Instant privacyConsentAt) {}
