package gatehouse.oidc;

import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditLog;
import gatehouse.session.RefreshTokens;
import gatehouse.token.AccessToken;
import gatehouse.web.Auth;
import gatehouse.web.Pages;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;

/** {@code /me/applications}: the consents a member gave, and withdrawing one (which also ends that client's access). */
public final class ApplicationsController {
    private final OidcDao dao;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final Pages pages;
    private final Clock clock;

    public ApplicationsController(OidcDao dao, RefreshTokens refreshTokens, AuditLog audit, Pages pages,
                                  Clock clock) {
        this.dao = dao;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.pages = pages;
        this.clock = clock;
    }

    public void list(Context ctx) {
        pages.render(ctx, new ApplicationsPage(dao.consentsOf(Auth.member(ctx).userId())));
    }

    public void withdraw(Context ctx) {
        AccessToken me = Auth.member(ctx);
        String clientId = ctx.pathParam("clientId");
        if (dao.withdraw(me.userId(), clientId, clock.instant())) {
            refreshTokens.forgetAllCachedStates();
            audit.record(AuditEvent.CONSENT_REVOKED, me.userId(), me.userId(), ctx.ip(), "client " + clientId);
        }
        ctx.redirect(Paths.APPLICATIONS, HttpStatus.SEE_OTHER);
    }
}
