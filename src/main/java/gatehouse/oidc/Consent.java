package gatehouse.oidc;

import java.time.Instant;

/** A member's remembered permission for a client, with the client's name for the member page. */
public record Consent(String clientId, String clientName, String scopes, Instant grantedAt) {}
