package gatehouse.secondfactor;

import java.time.Instant;
import java.util.UUID;

/** A member's authenticator as stored: the sealed secret, when it was turned on, the last step used. */
public record StoredFactor(UUID userId, String secretSealed, Instant enabledAt, Long lastUsedStep) {}
