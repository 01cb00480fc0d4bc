package gatehouse.oidc;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import gatehouse.account.Accounts;
import gatehouse.account.MemberAccount;
import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditLog;
import gatehouse.session.RefreshTokens;
import gatehouse.session.LoginSession;
import gatehouse.session.SessionDao;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Authorization codes and what they are exchanged for. A code is single-use, lives {@link #CODE_LIFE}, and
 * is bound to its client, redirect URI and PKCE challenge; a second use revokes what the first issued. Each
 * exchange starts a session (refresh-token family), so refreshes reuse Gatehouse's rotation and reuse
 * detection, and revoking the session ends the client's access.
 */
public final class Grants {
    public static final Duration CODE_LIFE = Duration.ofSeconds(60);

    /** What the token endpoint returns; {@code refreshToken} is null when none was asked for. */
    public record Issued(String accessToken, String idToken, String refreshToken, String scopes, long expiresIn) {}

    /** What an authorization request established, to be bound to a code. */
    public record Authorized(Client client, UUID userId, String redirectUri, String scopes, String nonce,
                             String codeChallenge, Instant authTime, String amr, String locale) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcDao dao;
    private final SessionDao sessions;
    private final RefreshTokens refreshTokens;
    private final Accounts accounts;
    private final OidcTokens tokens;
    private final AuditLog audit;
    private final Clock clock;

    public Grants(OidcDao dao, SessionDao sessions, RefreshTokens refreshTokens, Accounts accounts, OidcTokens tokens, AuditLog audit, Clock clock) {
        this.dao = dao;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new code for an authorized request; only its hash is kept. */
    public String issueCode(Authorized a) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        dao.deleteCodesExpiredBefore(now.minus(Duration.ofDays(1)));
        dao.insertCode(new AuthorizationCode(RefreshTokens.hash(code), a.client().clientId(), a.userId(), a.redirectUri(),
                a.scopes(), a.nonce(), a.codeChallenge(), a.authTime(), a.amr(), a.locale(), now, now.plus(CODE_LIFE), null, null));
        return code;
    }

    /** Exchanges a code; every failure is {@code invalid_grant}, and the code is spent either way. */
    public Issued exchange(Client client, String code, String redirectUri, String verifier, String ip, String userAgent) {
        String hash = RefreshTokens.hash(code == null ? "" : code);
        AuthorizationCode found = dao.findCode(hash).orElseThrow(() -> TokenError.invalidGrant("unknown code"));
        Instant now = clock.instant();
        if (dao.markUsed(hash, now) != 1) {
            replayed(found, ip);
            throw TokenError.invalidGrant("code already used");
        }
        if (!found.clientId().equals(client.clientId())) {
            throw TokenError.invalidGrant("code of another client");
        }
        if (!now.isBefore(found.expiresAt())) {
            throw TokenError.invalidGrant("code expired");
        }
        if (!found.redirectUri().equals(redirectUri)) {
            throw TokenError.invalidGrant("redirect_uri differs from the authorization request");
        }
        checkVerifier(found.codeChallenge(), verifier);
        MemberAccount member = accounts.member(found.userId()).orElseThrow(() -> TokenError.invalidGrant("member gone"));
        RefreshTokens.Issued session = refreshTokens.start(found.userId(), userAgent, ip,
                List.of(found.amr().split(",")));
        var grant = new Grant(session.sessionId(), client.clientId(), found.userId(), found.scopes(), found.authTime(),
                found.amr(), found.locale());
        dao.insertGrant(grant);
        dao.setCodeSession(hash, session.sessionId());
        boolean refresh = client.alwaysRefresh() || Scopes.parse(found.scopes()).contains(Scopes.OFFLINE_ACCESS);
        return new Issued(tokens.accessToken(grant, member), tokens.idToken(grant, member, found.nonce()),
                refresh ? session.token() : null, found.scopes(), tokens.expiresInSeconds());
    }

    /** Rotates the client's refresh token (Gatehouse's rotation and reuse detection) and issues new tokens. */
    public Issued refresh(Client client, String presented, String ip) {
        Grant grant = grantOf(presented).filter(g -> g.clientId().equals(client.clientId()))
                .orElseThrow(() -> TokenError.invalidGrant("unknown refresh token"));
        RefreshTokens.Rotation rotation = refreshTokens.rotate(presented, ip);
        if (!(rotation instanceof RefreshTokens.Rotation.Rotated rotated)) {
            throw TokenError.invalidGrant("refresh token not current");
        }
        MemberAccount member = accounts.member(grant.userId()).orElseThrow(() -> TokenError.invalidGrant("member gone"));
        return new Issued(tokens.accessToken(grant, member), tokens.idToken(grant, member, null), rotated.token(),
                grant.scopes(), tokens.expiresInSeconds());
    }

    /** The grant a refresh token belongs to, whatever its state. */
    public Optional<Grant> grantOf(String refreshToken) {
        return refreshTokens.sessionOf(refreshToken).flatMap(s -> dao.findGrant(s.id()));
    }

    public Optional<Grant> grant(UUID sessionId) {
        return dao.findGrant(sessionId);
    }

    public Optional<LoginSession> session(UUID sessionId) {
        return sessions.find(sessionId);
    }

    public Optional<LoginSession> sessionOf(String refreshToken) {
        return refreshTokens.sessionOf(refreshToken);
    }

    /** Ends a grant's session: its refresh token and every access token of it stop working. */
    public void revoke(UUID sessionId) {
        refreshTokens.revoke(sessionId);
    }

    private void replayed(AuthorizationCode code, String ip) {
        if (code.sessionId() != null) {
            refreshTokens.revoke(code.sessionId());
        }
        audit.record(AuditEvent.CODE_REPLAY, null, code.userId(), ip, "client " + code.clientId()
                + (code.sessionId() != null ? ", session " + code.sessionId() + " revoked" : ""));
    }

    private static void checkVerifier(String challenge, String verifier) {
        if (challenge == null) {
            if (verifier != null) {
                throw TokenError.invalidGrant("code_verifier without code_challenge");
            }
            return;
        }
        if (verifier == null) {
            throw TokenError.invalidGrant("code_verifier missing");
        }
        CodeChallenge computed;
        try {
            computed = CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier));
        } catch (IllegalArgumentException e) {
            throw TokenError.invalidGrant("malformed code_verifier");
        }
        if (!java.security.MessageDigest.isEqual(computed.getValue().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                challenge.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw TokenError.invalidGrant("code_verifier does not match");
        }
    }
}
