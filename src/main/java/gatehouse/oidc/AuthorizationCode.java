package gatehouse.oidc;

import java.time.Instant;
import java.util.UUID;

/** An authorization code as stored (by hash), with everything its exchange must check and carry over. */
public record AuthorizationCode(
        String codeHash,
        String clientId,
        UUID userId,
        String redirectUri,
        String scopes,
        String nonce,
        String codeChallenge,
        Instant authTime,
        String amr,
        String locale,
        Instant createdAt,
        Instant expiresAt,
        Instant usedAt,
        UUID sessionId) {}
