package gatehouse.session;

import gatehouse.token.AccessToken;
import gatehouse.token.AccessTokens;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exchanges a refresh token for a new access token: the pages' silent renewal and the API's refresh,
 * written once. The access token carries the owner's current user name and role.
 */
public final class TokenRenewal {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRenewal.class);

    /**
     * @param refreshToken the successor refresh token, or null within the grace period: the client keeps
     *                     the one that the parallel request received
     * @param claims       the new access token as verifying it would read it (it need not be verified again)
     */
    public record Renewed(String accessToken, String refreshToken, Instant refreshExpiresAt,
                          AccessToken claims) {}

    private final RefreshTokens refreshTokens;
    private final SessionValidityCache status;
    private final AccessTokens accessTokens;

    public TokenRenewal(RefreshTokens refreshTokens, SessionValidityCache status, AccessTokens accessTokens) {
        this.refreshTokens = refreshTokens;
        this.status = status;
        this.accessTokens = accessTokens;
    }

    /** Empty when the refresh token is unknown, expired, revoked or reused, or its owner is gone. */
    public Optional<Renewed> renew(String presented, String ip) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(presented, ip);
        LoginSession session;
        String successor = null;
        if (rotation instanceof RefreshTokens.Rotation.Rotated rotated) {
            session = rotated.session();
            successor = rotated.token();
        } else if (rotation instanceof RefreshTokens.Rotation.Grace grace) {
            session = grace.session();
        } else {
            LOG.debug("refresh token rejected: {}", ((RefreshTokens.Rotation.Rejected) rotation).reason());
            return Optional.empty();
        }
        // The owner's name and role as the session check sees them (at most 2 s old, at once after a change
        // here): the new token then passes that check, and a role change reaches it as it reaches any token.
        Optional<SessionValidity> owner = status.state(session.id());
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        AccessTokens.Signed access = accessTokens.sign(owner.get().userId(), owner.get().username(), owner.get().role(),
                session.id(), session.amrList());
        return Optional.of(new Renewed(access.token(), successor, session.expiresAt(), access.claims()));
    }
}
