package gatehouse.oidc;

import com.auth0.jwt.interfaces.DecodedJWT;
import gatehouse.account.Accounts;
import gatehouse.token.AccessToken;
import gatehouse.web.Auth;
import gatehouse.web.Cookies;
import gatehouse.web.Pages;
import gatehouse.web.SecurityHeaders;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * RP-initiated logout ({@code /oauth2/logout}). With an {@code id_token_hint} that Gatehouse signed for the
 * member now logged in, the Gatehouse session ends at once; otherwise the member confirms with a POST (a
 * link alone must not log anyone out). The browser goes back only to a registered post-logout URI.
 */
public final class LogoutController {
    private final OidcTokens tokens;
    private final Clients clients;
    private final Accounts accounts;
    private final Cookies cookies;
    private final Pages pages;

    public LogoutController(OidcTokens tokens, Clients clients, Accounts accounts, Cookies cookies,
                            Pages pages) {
        this.tokens = tokens;
        this.clients = clients;
        this.accounts = accounts;
        this.cookies = cookies;
        this.pages = pages;
    }

    public void request(Context ctx) {
        Optional<DecodedJWT> hint = hint(ctx.queryParam("id_token_hint"));
        Optional<Client> rp = rp(hint, ctx.queryParam("client_id"));
        Optional<AccessToken> member = Auth.principal(ctx);
        boolean hintNamesMember = hint.isPresent() && member.isPresent()
                && member.get().userId().toString().equals(hint.get().getSubject());
        if (member.isPresent() && !hintNamesMember) {
            String back = ctx.queryParam("post_logout_redirect_uri");
            rp.flatMap(c -> registered(c, back)).ifPresent(uri -> SecurityHeaders.allowFormTarget(ctx, AuthorizeController.origin(uri)));
            pages.render(ctx, new LogoutPage(rp.map(Client::name).orElse(null),
                    orEmpty(ctx.queryParam("id_token_hint")), orEmpty(back), orEmpty(ctx.queryParam("state")),
                    orEmpty(ctx.queryParam("client_id"))));
            return;
        }
        finish(ctx, member, rp, ctx.queryParam("post_logout_redirect_uri"), ctx.queryParam("state"), HttpStatus.FOUND);
    }

    /** The member's confirmation (CSRF-checked like every form). */
    public void confirm(Context ctx) {
        Optional<Client> rp = rp(hint(ctx.formParam("id_token_hint")), ctx.formParam("client_id"));
        finish(ctx, Auth.principal(ctx), rp, ctx.formParam("post_logout_redirect_uri"), ctx.formParam("state"), HttpStatus.SEE_OTHER);
    }

    private void finish(Context ctx, Optional<AccessToken> member, Optional<Client> rp, String back, String state,
                        HttpStatus redirectStatus) {
        if (member.isPresent()) {
            accounts.logOut(member.get().userId(), member.get().sessionId(), ctx.ip());
            cookies.clearTokens(ctx);
            Auth.signedOut(ctx);
        }
        Optional<URI> target = rp.flatMap(c -> registered(c, back));
        if (target.isPresent()) {
            String location = target.get().toString();
            if (state != null && !state.isEmpty()) {
                location += (location.contains("?") ? "&" : "?") + "state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
            }
            ctx.redirect(location, redirectStatus);
            return;
        }
        pages.message(ctx, HttpStatus.OK, "logout.title", "oidc.logout.done", Paths.LOGIN, "link.login");
    }

    private Optional<DecodedJWT> hint(String idTokenHint) {
        return idTokenHint == null || idTokenHint.isEmpty() ? Optional.empty() : tokens.verifyHint(idTokenHint);
    }

    /** The relying party: the hint's audience, else the {@code client_id} given (which must agree with it). */
    private Optional<Client> rp(Optional<DecodedJWT> hint, String clientId) {
        String id = hint.map(h -> h.getAudience().get(0)).orElse(clientId);
        if (id == null || clientId != null && !clientId.isEmpty() && !clientId.equals(id)) {
            return Optional.empty();
        }
        return clients.find(id);
    }

    private static Optional<URI> registered(Client client, String uri) {
        return uri != null && client.postLogoutRedirectUriList().contains(uri) ? Optional.of(URI.create(uri)) : Optional.empty();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
