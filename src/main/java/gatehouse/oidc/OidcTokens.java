package gatehouse.oidc;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import gatehouse.account.MemberAccount;
import gatehouse.token.AccessToken;
import gatehouse.token.AccessTokens;
import gatehouse.token.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tokens Gatehouse signs for client applications, with its own keys: ID tokens, and access tokens whose
 * audience is the client (so Gatehouse's own pages and API never accept them).
 */
public final class OidcTokens {
    /** A verified client access token. */
    public record ClientAccess(AccessToken token, String clientId, List<String> scopes, String jti) {}

    private static final long LEEWAY_SECONDS = 5;
    /** An id_token_hint may have expired long ago; only its signature and issuer count. */
    private static final long HINT_LEEWAY_SECONDS = Duration.ofDays(365).toSeconds();

    private final SigningKeys keys;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;
    private final JWTVerifier accessVerifier;
    private final JWTVerifier hintVerifier;

    public OidcTokens(SigningKeys keys, String issuer, Duration ttl, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
        this.accessVerifier = ((JWTVerifier.BaseVerification) JWT.require(keys.algorithm())
                .withIssuer(issuer)
                .withClaim("typ", AccessTokens.TYPE)
                .withClaimPresence("exp").withClaimPresence("iat").withClaimPresence("jti").withClaimPresence("sub")
                .withClaimPresence("sid").withClaimPresence("client_id").withClaimPresence("scope")
                .withClaimPresence("username").withClaimPresence("role")
                .acceptLeeway(LEEWAY_SECONDS)).build(clock);
        this.hintVerifier = ((JWTVerifier.BaseVerification) JWT.require(keys.algorithm())
                .withIssuer(issuer).withClaimPresence("sub").withClaimPresence("aud")
                .acceptExpiresAt(HINT_LEEWAY_SECONDS)).build(clock);
    }

    public long expiresInSeconds() {
        return ttl.toSeconds();
    }

    /** The ID token: who logged in, when and how, for this client, with the claims its scopes allow. */
    public String idToken(Grant grant, MemberAccount member, String nonce) {
        Instant now = now();
        JWTCreator.Builder jwt = JWT.create()
                .withIssuer(issuer)
                .withAudience(grant.clientId())
                .withClaim("azp", grant.clientId())
                .withIssuedAt(now)
                .withExpiresAt(now.plus(ttl))
                .withClaim("auth_time", grant.authTime().getEpochSecond())
                .withClaim("sid", grant.sessionId().toString())
                .withClaim("amr", List.of(grant.amr().split(",")));
        if (nonce != null) {
            jwt.withClaim("nonce", nonce);
        }
        Claims.of(member, Scopes.parse(grant.scopes()), grant.locale()).forEach((name, value) -> put(jwt, name, value));
        return jwt.sign(keys.algorithm());
    }

    /** An access token for the client: the member's identity, the session it belongs to, and the scopes. */
    public String accessToken(Grant grant, MemberAccount member) {
        Instant now = now();
        return JWT.create()
                .withIssuer(issuer)
                .withAudience(grant.clientId())
                .withSubject(member.user().id().toString())
                .withClaim("client_id", grant.clientId())
                .withClaim("sid", grant.sessionId().toString())
                .withClaim("typ", AccessTokens.TYPE)
                .withClaim("scope", grant.scopes())
                .withClaim("username", member.user().username())
                .withClaim("role", member.user().role().name())
                .withIssuedAt(now)
                .withExpiresAt(now.plus(ttl))
                .withJWTId(UUID.randomUUID().toString())
                .sign(keys.algorithm());
    }

    /** A client access token whose signature, issuer, type and expiry hold, and whose audience is its client. */
    public Optional<ClientAccess> verifyAccess(String token) {
        try {
            DecodedJWT jwt = accessVerifier.verify(token);
            String clientId = jwt.getClaim("client_id").asString();
            if (jwt.getAudience() == null || !jwt.getAudience().equals(List.of(clientId))) {
                return Optional.empty();
            }
            var role = gatehouse.domain.Role.ofMember(jwt.getClaim("role").asString()).orElseThrow(IllegalArgumentException::new);
            var access = new AccessToken(UUID.fromString(jwt.getSubject()), jwt.getClaim("username").asString(), role,
                    UUID.fromString(jwt.getClaim("sid").asString()), List.of(), jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant(),
                    null, null);
            return Optional.of(new ClientAccess(access, clientId, Scopes.parse(jwt.getClaim("scope").asString()), jwt.getId()));
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An ID token that Gatehouse signed (perhaps long expired), as RP-initiated logout presents it. */
    public Optional<DecodedJWT> verifyHint(String token) {
        try {
            return Optional.of(hintVerifier.verify(token));
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void put(JWTCreator.Builder jwt, String name, String value) {
        if (name.equals("sub")) {
            jwt.withSubject(value);
        } else {
            jwt.withClaim(name, value);
        }
    }
}
