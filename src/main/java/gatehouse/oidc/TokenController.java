package gatehouse.oidc;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import gatehouse.session.RefreshTokens;
import gatehouse.session.LoginSession;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The client endpoints: {@code POST /oauth2/token} (authorization code and refresh token grants),
 * revocation (RFC 7009) and introspection (RFC 7662, confidential clients, their own tokens only).
 * Errors are OAuth JSON, never problem+json: that is what clients parse.
 */
public final class TokenController {
    /** POST endpoints called by client applications, which carry no CSRF token (and need none: no cookies count). */
    public static final Set<String> CLIENT_ENDPOINTS = Set.of(Paths.OIDC_TOKEN, Paths.OIDC_REVOKE,
            Paths.OIDC_INTROSPECT, Paths.OIDC_USERINFO);

    private final Grants grants;
    private final OidcTokens tokens;
    private final ClientCredentials credentials;
    private final Clock clock;
    private final String issuer;

    public TokenController(Grants grants, OidcTokens tokens, Clients clients, Clock clock, String issuer) {
        this.grants = grants;
        this.tokens = tokens;
        this.credentials = new ClientCredentials(clients);
        this.clock = clock;
        this.issuer = issuer;
    }

    public void token(Context ctx) {
        answer(ctx, () -> {
            TokenRequest request = TokenRequest.parse(ClientCredentials.httpRequest(ctx, issuer + Paths.OIDC_TOKEN));
            Client caller = credentials.authenticate(request.getClientAuthentication(), request.getClientID(), true);
            Grants.Issued issued;
            if (request.getAuthorizationGrant() instanceof AuthorizationCodeGrant code) {
                issued = grants.exchange(caller, code.getAuthorizationCode().getValue(),
                        code.getRedirectionURI() == null ? null : code.getRedirectionURI().toString(),
                        code.getCodeVerifier() == null ? null : code.getCodeVerifier().getValue(), ctx.ip(), ctx.userAgent());
            } else if (request.getAuthorizationGrant() instanceof RefreshTokenGrant refresh) {
                issued = grants.refresh(caller, refresh.getRefreshToken().getValue(), ctx.ip());
            } else {
                throw new TokenError("unsupported_grant_type", 400, "authorization_code or refresh_token only");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", issued.accessToken());
            body.put("token_type", "Bearer");
            body.put("expires_in", issued.expiresIn());
            body.put("scope", issued.scopes());
            body.put("id_token", issued.idToken());
            if (issued.refreshToken() != null) {
                body.put("refresh_token", issued.refreshToken());
            }
            return body;
        });
    }

    /** RFC 7009: always 200 for a well-formed request, so that nobody learns which tokens exist. */
    public void revoke(Context ctx) {
        answer(ctx, () -> {
            var request = TokenRevocationRequest.parse(ClientCredentials.httpRequest(ctx, issuer + Paths.OIDC_REVOKE));
            Client caller = credentials.authenticate(request.getClientAuthentication(), request.getClientID(), false);
            String token = request.getToken().getValue();
            ownGrant(caller, token).ifPresent(grants::revoke);
            return Map.of();
        });
    }

    /** RFC 7662, for the caller's own tokens; anything else is simply inactive. */
    public void introspect(Context ctx) {
        answer(ctx, () -> {
            var request = TokenIntrospectionRequest.parse(ClientCredentials.httpRequest(ctx, issuer + Paths.OIDC_INTROSPECT));
            Client caller = credentials.authenticate(request.getClientAuthentication(), null, false);
            String token = request.getToken().getValue();
            Map<String, Object> body = new LinkedHashMap<>();
            var access = tokens.verifyAccess(token).filter(a -> a.clientId().equals(caller.clientId()))
                    .filter(a -> grants.grant(a.token().sessionId()).isPresent() && sessionActive(a.token().sessionId()));
            if (access.isPresent()) {
                var a = access.get();
                body.put("active", true);
                body.put("scope", Scopes.joined(a.scopes()));
                body.put("client_id", a.clientId());
                body.put("username", a.token().username());
                body.put("token_type", "Bearer");
                body.put("exp", a.token().expiresAt().getEpochSecond());
                body.put("iat", a.token().issuedAt().getEpochSecond());
                body.put("sub", a.token().userId().toString());
                body.put("aud", a.clientId());
                body.put("iss", issuer);
                body.put("jti", a.jti());
                return body;
            }
            Optional<Grant> grant = grants.grantOf(token).filter(g -> g.clientId().equals(caller.clientId()));
            Optional<LoginSession> session = grants.sessionOf(token).filter(s -> s.isActive(clock.instant())
                    && RefreshTokens.hash(token).equals(s.currentHash()));
            if (grant.isPresent() && session.isPresent()) {
                body.put("active", true);
                body.put("scope", grant.get().scopes());
                body.put("client_id", caller.clientId());
                body.put("token_type", "refresh_token");
                body.put("exp", session.get().expiresAt().getEpochSecond());
                body.put("sub", grant.get().userId().toString());
                body.put("iss", issuer);
                return body;
            }
            return Map.of("active", false);
        });
    }

    /** The grant of one of the caller's tokens (access or refresh), if it is theirs. */
    private Optional<UUID> ownGrant(Client caller, String token) {
        var access = tokens.verifyAccess(token).filter(a -> a.clientId().equals(caller.clientId()));
        if (access.isPresent()) {
            return Optional.of(access.get().token().sessionId());
        }
        return grants.grantOf(token).filter(g -> g.clientId().equals(caller.clientId())).map(Grant::sessionId);
    }

    private boolean sessionActive(UUID sessionId) {
        return grants.session(sessionId).filter(s -> s.isActive(clock.instant())).isPresent();
    }

    /** Work that yields a JSON body or fails with an OAuth error. */
    private interface Work {
        Map<String, ?> run() throws ParseException;
    }

    private static void answer(Context ctx, Work work) {
        ctx.header("Pragma", "no-cache");
        try {
            ctx.json(work.run());
        } catch (ParseException e) {
            var error = e.getErrorObject();
            ctx.status(400).json(errorBody(error == null ? "invalid_request" : error.getCode(), e.getMessage()));
        } catch (TokenError e) {
            if (e.status() == 401 && ctx.header("Authorization") != null) {
                ctx.header("WWW-Authenticate", "Basic realm=\"gatehouse\"");
            }
            ctx.status(e.status()).json(errorBody(e.code(), e.getMessage()));
        }
    }

    private static Map<String, String> errorBody(String code, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        if (description != null) {
            body.put("error_description", description);
        }
        return body;
    }
}
