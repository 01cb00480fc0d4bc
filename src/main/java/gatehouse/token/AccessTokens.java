package gatehouse.token;

import com.auth0.jwt.JWT;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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

/**
 * Issues and verifies the short-lived access JWT. The verifier is built once, with the algorithm pinned.
 * A token is used hundreds of times in its life, so what verifying it gave is kept, keyed by the exact
 * token text, until it expires: a later use costs a map lookup, not a signature check. The cache belongs
 * to this key set (a new key set means new {@code AccessTokens}, so an empty cache) and is bounded.
 */
public final class AccessTokens {

    public static final String TYPE = "access";
    private static final long LEEWAY_SECONDS = 5;
    /** About 1.5 KB a token: at most some 15 MB. */
    static final int CACHED_TOKENS = 10_000;

    /** A token just signed, with what verifying it would give, so that its issuer need not verify it again. */
    public record Signed(String token, AccessToken claims) {}

    private final SigningKeys keys;
    private final Config.Auth auth;
    private final Clock clock;
    private final JWTVerifier verifier;
    private final Cache<String, AccessToken> verified;

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
        this.verified = Caffeine.newBuilder()
                .maximumSize(CACHED_TOKENS)
                .expireAfter(Expiry.creating((String token, AccessToken claims) -> untilExpiry(claims)))
                .build();
    }

    /** How long a verified token stays in the cache: until it would fail verification as expired. */
    private Duration untilExpiry(AccessToken claims) {
        Duration left = Duration.between(clock.instant(), claims.expiresAt().plusSeconds(LEEWAY_SECONDS));
        return left.isNegative() ? Duration.ZERO : left;
    }

    public Duration timeToLive() {
        return auth.accessTokenTtl();
    }

    /** A signed token for {@code userId} in session {@code sessionId}, opened by the methods {@code amr}. */
    public String issue(UUID userId, String username, Role role, UUID sessionId, List<String> amr) {
        return sign(userId, username, role, sessionId, amr).token();
    }

    /** As {@link #issue}, with the claims as {@link #verify} reads them; the token is known verified from now on. */
    public Signed sign(UUID userId, String username, Role role, UUID sessionId, List<String> amr) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(auth.accessTokenTtl());
        String token = JWT.create()
                .withIssuer(auth.issuer())
                .withAudience(auth.audience())
                .withSubject(userId.toString())
                .withClaim("sid", sessionId.toString())
                .withClaim("typ", TYPE)
                .withClaim("username", username)
                .withClaim("role", role.name())
                .withClaim("amr", amr)
                .withIssuedAt(now)
                .withExpiresAt(expires)
                .withJWTId(UUID.randomUUID().toString())
                .sign(keys.algorithm());
        int headerEnd = token.indexOf('.');
        int payloadEnd = token.indexOf('.', headerEnd + 1);
        var claims = new AccessToken(userId, username, role, sessionId,
                amr == null || amr.isEmpty() ? Amr.PASSWORD : List.copyOf(amr), now, expires,
                decodePart(token.substring(0, headerEnd)), decodePart(token.substring(headerEnd + 1, payloadEnd)));
        verified.put(token, claims);
        return new Signed(token, claims);
    }

    /** Verifies signature, algorithm, issuer, audience, type and expiry, then reads the claims. */
    public AccessToken verify(String token) throws InvalidTokenException {
        AccessToken known = verified.getIfPresent(token);
        if (known != null) {
            // The cache's timer is the system's; the injected clock decides, as it does for the verifier.
            if (clock.instant().isAfter(known.expiresAt().plusSeconds(LEEWAY_SECONDS))) {
                verified.invalidate(token);
                throw new InvalidTokenException("expired", true);
            }
            return known;
        }
        AccessToken claims = check(token);
        verified.put(token, claims);
        return claims;
    }

    private AccessToken check(String token) throws InvalidTokenException {
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
