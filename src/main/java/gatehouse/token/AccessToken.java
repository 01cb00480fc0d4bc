package gatehouse.token;

import gatehouse.domain.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A verified access token: who the caller is and which session the token belongs to. The raw header
 * and claims JSON are kept for the member page, which shows them as a learning aid.
 */
public record AccessToken(
        UUID userId,
        String username,
        Role role,
        UUID sessionId,
        List<String> amr,
        Instant issuedAt,
        Instant expiresAt,
        String headerJson,
        String claimsJson) {}
