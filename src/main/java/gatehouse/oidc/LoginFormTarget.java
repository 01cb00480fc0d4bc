package gatehouse.oidc;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import gatehouse.web.SecurityHeaders;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * On the login pages of an OpenID flow ({@code next} is an authorization request of a registered client
 * and redirect URI), lets the login form lead on to that client: the browser follows the redirects after
 * the form post to the client's redirect URI, and CSP {@code form-action} covers them.
 */
public final class LoginFormTarget {
    private final Clients clients;

    public LoginFormTarget(Clients clients) {
        this.clients = clients;
    }

    /** A before-handler; does nothing unless the path is a login page and {@code next} an authorization request. */
    public void apply(Context ctx) {
        if (!ctx.path().startsWith(Paths.LOGIN)) {
            return;
        }
        String next = ctx.queryParam("next");
        if (next == null && ctx.method().name().equals("POST") && ctx.isFormUrlencoded()) {
            next = ctx.formParam("next");
        }
        String prefix = Paths.OIDC_AUTHORIZE + "?";
        if (next == null || !next.startsWith(prefix) || next.length() > 2000) {
            return;
        }
        Map<String, List<String>> params = URLUtils.parseParameters(next.substring(prefix.length()));
        String clientId = first(params, "client_id");
        String redirect = first(params, "redirect_uri");
        clients.find(clientId).filter(c -> redirect != null && c.redirectUriList().contains(redirect))
                .ifPresent(c -> SecurityHeaders.allowFormTarget(ctx, AuthorizeController.origin(URI.create(redirect))));
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
