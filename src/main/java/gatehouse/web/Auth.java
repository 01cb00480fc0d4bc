package gatehouse.web;

import gatehouse.domain.Role;
import gatehouse.session.SessionValidityCache;
import gatehouse.session.TokenRenewal;
import gatehouse.token.AccessToken;
import gatehouse.token.AccessTokens;
import gatehouse.token.InvalidTokenException;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that authenticates: runs before every matched route, verifies the access token (cookie
 * for pages, Bearer for {@code /api/}), silently renews it from the refresh cookie when it is missing or
 * expired, puts the {@link AccessToken} into the context and enforces the route's declared role.
 */
public final class Auth {
    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);
    private static final String PRINCIPAL = "gatehouse.principal";
    /**
     * Anonymous routes that never look at the caller: a browser asks for them with whatever cookies it
     * holds, and a stale access cookie must not cost a refresh-token rotation (a database write) there.
     */
    private static final Set<String> PASSIVE = Set.of(Paths.HEALTH, Paths.READY, Paths.FAVICON, Paths.JWKS);

    private final AccessTokens accessTokens;
    private final TokenRenewal renewal;
    private final SessionValidityCache sessionValidity;
    private final Cookies cookies;

    public Auth(AccessTokens accessTokens, TokenRenewal renewal, SessionValidityCache sessionValidity, Cookies cookies) {
        this.accessTokens = accessTokens;
        this.renewal = renewal;
        this.sessionValidity = sessionValidity;
        this.cookies = cookies;
    }

    /** The authenticated caller, if any. */
    public static Optional<AccessToken> principal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    /** The caller on a route that requires a member (the before-handler has made sure there is one). */
    public static AccessToken member(Context ctx) {
        return principal(ctx).orElseThrow(() -> new IllegalStateException("route without MEMBER role reads the member"));
    }

    /**
     * Forgets the caller for the rest of this request (after logout), so the page rendered next shows a
     * visitor and carries the anonymous CSRF token that the visitor's next form post will need.
     */
    public static void signedOut(Context ctx) {
        ctx.req().removeAttribute(PRINCIPAL);
    }

    /**
     * The authentication step: finds the caller (Bearer on the API, cookies on pages) and checks the route's
     * role. Stops the request by throwing (401, 403) or, for a visitor on a page, by answering with a redirect
     * to the login page and skipping every later handler.
     */
    public void authenticate(Context ctx) {
        Role required = requiredRole(ctx.routeRoles());
        if (required == Role.ANONYMOUS && (FrontEnd.isStatic(ctx) || PASSIVE.contains(ctx.path()))) {
            return;
        }
        AccessToken principal = FrontEnd.isApi(ctx) ? fromBearer(ctx) : fromCookies(ctx);
        if (principal != null) {
            ctx.attribute(PRINCIPAL, principal);
        }
        if (required == Role.ANONYMOUS) {
            return;
        }
        if (principal == null) {
            if (FrontEnd.isApi(ctx)) {
                throw new UnauthorizedResponse("authentication required",
                        Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
            }
            ctx.redirect(ctx.method().name().equals("GET") ? Paths.loginThen(pathWithQuery(ctx)) : Paths.LOGIN,
                    HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        if (!principal.role().satisfies(required)) {
            throw new ForbiddenResponse("forbidden");
        }
    }

    /** Every route declares exactly one {@link Role}; anything else is a programming error (deny by default). */
    static Role requiredRole(Set<RouteRole> roles) {
        if (roles.size() != 1 || !(roles.iterator().next() instanceof Role role)) {
            throw new IllegalStateException("route declares no single Role: " + roles);
        }
        return role;
    }

    private AccessToken fromBearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return verified(header.substring(7).trim()).orElse(null);
    }

    private AccessToken fromCookies(Context ctx) {
        String token = Cookies.read(ctx, Cookies.ACCESS_TOKEN);
        if (token != null && !token.isEmpty()) {
            Optional<AccessToken> valid = verified(token);
            if (valid.isPresent()) {
                return valid.get();
            }
        }
        String refresh = Cookies.read(ctx, Cookies.REFRESH_TOKEN);
        if (refresh == null || refresh.isEmpty()) {
            return null;
        }
        return renew(ctx, refresh);
    }

    /** The verified token, if its signature and claims hold and its session is still active. */
    private Optional<AccessToken> verified(String token) {
        try {
            AccessToken verified = accessTokens.verify(token);
            return sessionValidity.accepts(verified) ? Optional.of(verified) : Optional.empty();
        } catch (InvalidTokenException e) {
            if (!e.expired()) {
                LOG.debug("rejected access token: {}", e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** The original's silent re-issue: rotate the refresh token and mint a new access token. */
    private AccessToken renew(Context ctx, String refresh) {
        Optional<TokenRenewal.Renewed> renewed = renewal.renew(refresh, ctx.ip());
        if (renewed.isEmpty()) {
            cookies.clearTokens(ctx);
            return null;
        }
        // Within the grace period there is no successor: the browser has (or will have) the parallel request's.
        if (renewed.get().refreshToken() != null) {
            cookies.setRefreshToken(ctx, renewed.get().refreshToken(), renewed.get().refreshExpiresAt());
        }
        cookies.setAccessToken(ctx, renewed.get().accessToken(), accessTokens.timeToLive());
        // Just signed from the session's current state: no second verification, no second session read.
        return renewed.get().claims();
    }

    private static String pathWithQuery(Context ctx) {
        String query = ctx.queryString();
        return query == null ? ctx.path() : ctx.path() + "?" + query;
    }
}
