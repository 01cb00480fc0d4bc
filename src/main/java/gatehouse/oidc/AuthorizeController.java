package gatehouse.oidc;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.OIDCError;
import com.nimbusds.openid.connect.sdk.Prompt;
import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditLog;
import gatehouse.session.RefreshTokens;
import gatehouse.session.LoginSession;
import gatehouse.session.SessionDao;
import gatehouse.token.AccessToken;
import gatehouse.web.Auth;
import gatehouse.web.Cookies;
import gatehouse.web.Pages;
import gatehouse.web.SecurityHeaders;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /oauth2/authorize} and the consent answer: sends the visitor through the login page when
 * needed, asks for consent the first time, then returns a code to the client's registered redirect URI.
 */
public final class AuthorizeController {
    private final Clients clients;
    private final Grants grants;
    private final OidcDao dao;
    private final SessionDao sessions;
    private final RefreshTokens refreshTokens;
    private final Cookies cookies;
    private final Pages pages;
    private final AuditLog audit;
    private final Clock clock;
    private final String issuer;

    public AuthorizeController(Clients clients, Grants grants, OidcDao dao, SessionDao sessions, RefreshTokens refreshTokens, Cookies cookies, Pages pages, AuditLog audit, Clock clock, String issuer) {
        this.clients = clients;
        this.grants = grants;
        this.dao = dao;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.cookies = cookies;
        this.pages = pages;
        this.audit = audit;
        this.clock = clock;
        this.issuer = issuer;
    }

    public void authorize(Context ctx) {
        String query = ctx.queryString() == null ? "" : ctx.queryString();
        AuthorizationRequest request = checked(ctx, ctx.queryParamMap());
        if (request == null) {
            return;
        }
        var principal = Auth.principal(ctx);
        Instant authTime = principal.map(this::authTime).orElse(null);
        boolean tooOld = authTime != null && request.maxAge() >= 0
                && authTime.plusSeconds(request.maxAge()).isBefore(clock.instant());
        if (principal.isEmpty() || request.promptsFor(Prompt.Type.LOGIN) || tooOld) {
            if (request.promptsFor(Prompt.Type.NONE)) {
                ctx.redirect(request.error(OIDCError.LOGIN_REQUIRED).toString(), HttpStatus.FOUND);
                return;
            }
            if (principal.isPresent()) {
                // Re-authentication asked for: this browser session ends, the login page starts a new one.
                refreshTokens.revoke(principal.get().sessionId());
                cookies.clearTokens(ctx);
            }
            String next = Paths.OIDC_AUTHORIZE + "?" + withoutReauthentication(query);
            ctx.redirect(Paths.loginThen(next), HttpStatus.FOUND);
            return;
        }
        AccessToken member = principal.get();
        var consent = dao.findConsent(member.userId(), request.client().clientId());
        boolean consented = consent.isPresent() && Scopes.parse(consent.get().scopes()).containsAll(request.scopes())
                && !request.promptsFor(Prompt.Type.CONSENT);
        if (consented) {
            ctx.redirect(codeResponse(ctx, request, member, authTime).toString(), HttpStatus.FOUND);
        } else if (request.promptsFor(Prompt.Type.NONE)) {
            ctx.redirect(request.error(OIDCError.CONSENT_REQUIRED).toString(), HttpStatus.FOUND);
        } else {
            SecurityHeaders.allowFormTarget(ctx, origin(request.redirectUri()));
            pages.render(ctx, new ConsentPage(request.client().name(), request.redirectUri().getHost(),
                    request.scopes(), query));
        }
    }

    /** The member's answer on the consent page; the request is checked again, as it came back through a form. */
    public void consent(Context ctx) {
        String query = ctx.formParam("request") == null ? "" : ctx.formParam("request");
        AuthorizationRequest request = checked(ctx, parseQuery(query));
        if (request == null) {
            return;
        }
        AccessToken member = Auth.member(ctx);
        if (!"allow".equals(ctx.formParam("decision"))) {
            ctx.redirect(request.error(OAuth2Error.ACCESS_DENIED).toString(), HttpStatus.SEE_OTHER);
            return;
        }
        dao.saveConsent(member.userId(), request.client().clientId(), Scopes.joined(request.scopes()), clock.instant());
        audit.record(AuditEvent.CONSENT_GRANTED, member.userId(), member.userId(), ctx.ip(),
                "client " + request.client().clientId() + " scopes " + Scopes.joined(request.scopes()));
        ctx.redirect(codeResponse(ctx, request, member, authTime(member)).toString(), HttpStatus.SEE_OTHER);
    }

    /** The valid request, or null when the answer (error page or error redirect) has been given. */
    private AuthorizationRequest checked(Context ctx, Map<String, List<String>> params) {
        var checked = AuthorizationRequest.check(params, clients, issuer);
        if (checked instanceof AuthorizationRequest.Checked.Unsafe unsafe) {
            pages.message(ctx, HttpStatus.BAD_REQUEST, "oidc.error.title", unsafe.messageKey(), Paths.HOME, "link.home");
            return null;
        }
        if (checked instanceof AuthorizationRequest.Checked.Refused refused) {
            ctx.redirect(refused.location().toString(), ctx.method().name().equals("GET") ? HttpStatus.FOUND : HttpStatus.SEE_OTHER);
            return null;
        }
        return ((AuthorizationRequest.Checked.Valid) checked).request();
    }

    private URI codeResponse(Context ctx, AuthorizationRequest request, AccessToken member, Instant authTime) {
        String code = grants.issueCode(new Grants.Authorized(request.client(), member.userId(), request.redirectUri().toString(),
                Scopes.joined(request.scopes()), request.nonce(), request.codeChallenge(), authTime, amr(member),
                pages.text(ctx).lang()));
        return new AuthenticationSuccessResponse(request.redirectUri(), new AuthorizationCode(code), null, null,
                request.state(), null, new Issuer(issuer), ResponseMode.QUERY).toURI();
    }

    /** When the member logged in: the browser session's start. */
    private Instant authTime(AccessToken member) {
        return sessions.find(member.sessionId()).map(LoginSession::createdAt).orElse(member.issuedAt());
    }

    /** How the member logged in, as their session records it (the password alone when it records nothing). */
    private static String amr(AccessToken member) {
        return member.amr() == null || member.amr().isEmpty() ? "pwd" : String.join(",", member.amr());
    }

    /** The request as the login page should send it back: without what asked for the login just done. */
    static String withoutReauthentication(String query) {
        return Arrays.stream(query.split("&"))
                .filter(p -> !p.startsWith("prompt=") && !p.startsWith("max_age="))
                .collect(Collectors.joining("&"));
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static Map<String, List<String>> parseQuery(String query) {
        return com.nimbusds.oauth2.sdk.util.URLUtils.parseParameters(query);
    }
}
