package gatehouse.oidc;

import gatehouse.account.Accounts;
import gatehouse.session.SessionValidityCache;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/** {@code /oauth2/userinfo}: the member's claims that the Bearer access token's scopes allow. */
public final class UserInfoController {
    private final OidcTokens tokens;
    private final SessionValidityCache sessionValidity;
    private final Grants grants;
    private final Accounts accounts;

    public UserInfoController(OidcTokens tokens, SessionValidityCache sessionValidity, Grants grants, Accounts accounts) {
        this.tokens = tokens;
        this.sessionValidity = sessionValidity;
        this.grants = grants;
        this.accounts = accounts;
    }

    public void show(Context ctx) {
        String header = ctx.header("Authorization");
        Optional<OidcTokens.ClientAccess> access = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.verifyAccess(header.substring(7).trim()).filter(a -> sessionValidity.accepts(a.token()))
                : Optional.empty();
        var grant = access.flatMap(a -> grants.grant(a.token().sessionId()));
        var member = access.flatMap(a -> accounts.member(a.token().userId()));
        if (access.isEmpty() || grant.isEmpty() || member.isEmpty()) {
            ctx.status(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .json(Map.of("error", "invalid_token"));
            return;
        }
        ctx.json(Claims.of(member.get(), access.get().scopes(), grant.get().locale()));
    }
}
