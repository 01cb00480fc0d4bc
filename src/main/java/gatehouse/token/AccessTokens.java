package gatehouse.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import gatehouse.config.Config;
import gatehouse.domain.Role;
import gatehouse.token.Amr;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Issues and verifies the short-lived access JWT. The verifier is built once, with the algorithm pinned. */
public final class AccessTokens {

    public static final String TYPE = "access";
    private static final long LEEWAY_SECONDS = 5;

    private final SigningKeys keys;
    private final Config.Auth auth;
    private final Clock clock;
    private final JWTVerifier verifier;

    public AccessTokens(SigningKeys keys, Config.Auth auth, Clock clock) {
        this.keys = keys;
        this.auth = auth;
        this.clock = clock;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(keys.algorithm())
                        .withIssuer(auth.issuer())
                        .withAudience(auth.audience())
                        .withClaim("typ", TYPE)
                        // java-jwt checks exp only when present: require every claim we rely on.
                        .withClaimPresence("exp")
                        .withClaimPresence("iat")
                        .withClaimPresence("jti")
                        .withClaimPresence("sub")
                        .withClaimPresence("sid")
                        .withClaimPresence("username")
                        .withClaimPresence("role")
                        .acceptLeeway(LEEWAY_SECONDS))
                .build(clock);
    }

    public Duration timeToLive() {
        return auth.accessTokenTtl();
    }

    /** A signed token for {@code userId} in session {@code sessionId}, opened by the methods {@code amr}. */
    public String issue(UUID userId, String username, Role role, UUID sessionId, List<String> amr) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return JWT.create()
                .withIssuer(auth.issuer())
                .withAudience(auth.audience())
                .withSubject(userId.toString())
                .withClaim("sid", sessionId.toString())
                .withClaim("typ", TYPE)
                .withClaim("username", username)
                .withClaim("role", role.name())
                .withClaim("amr", amr)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(auth.accessTokenTtl()))
                .withJWTId(UUID.randomUUID().toString())
                .sign(keys.algorithm());
    }

    /** Verifies signature, algorithm, issuer, audience, type and expiry, then reads the claims. */
    public AccessToken verify(String token) throws InvalidTokenException {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw new InvalidTokenException("expired", true);
        } catch (JWTVerificationException e) {
            throw new InvalidTokenException(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
        try {
            Role role = Role.valueOf(jwt.getClaim("role").asString());
            if (role == Role.ANONYMOUS) {
                throw new IllegalArgumentException("anonymous role in a token");
            }
            return new AccessToken(
                    UUID.fromString(jwt.getSubject()),
                    jwt.getClaim("username").asString(),
                    role,
                    UUID.fromString(jwt.getClaim("sid").asString()),
                    amr(jwt),
                    jwt.getIssuedAtAsInstant(),
                    jwt.getExpiresAtAsInstant(),
                    decodePart(jwt.getHeader()),
                    decodePart(jwt.getPayload()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidTokenException("malformed claims: " + e.getMessage(), false);
        }
    }

    /** A token from before {@code amr} was issued was from a password login. */
    private static List<String> amr(DecodedJWT jwt) {
        List<String> amr = jwt.getClaim("amr").asList(String.class);
        return amr == null || amr.isEmpty() ? Amr.PASSWORD : List.copyOf(amr);
    }

    private static String decodePart(String base64Url) {
        return new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
    }
}
