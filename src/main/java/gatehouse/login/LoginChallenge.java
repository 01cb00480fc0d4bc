package gatehouse.login;

import java.time.Instant;
import java.util.UUID;

/** A login waiting for its second factor, as stored (the token only by hash). */
public record LoginChallenge(String tokenHash, UUID userId, String nextPath, int failures, Instant createdAt,
                             Instant expiresAt, UUID deviceId) {}
