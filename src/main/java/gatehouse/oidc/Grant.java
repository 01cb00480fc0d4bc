package gatehouse.oidc;

import java.time.Instant;
import java.util.UUID;

/** What a client holds: a session (refresh-token family) of a member, with the scopes they allowed. */
public record Grant(UUID sessionId, String clientId, UUID userId, String scopes, Instant authTime, String amr, String locale) {}
