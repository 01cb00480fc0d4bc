package gatehouse.secondfactor;

import gatehouse.web.FrontEnd;
import gatehouse.token.Amr;
import gatehouse.token.AccessToken;
import gatehouse.domain.ActionRefused;
import gatehouse.web.Auth;
import gatehouse.domain.Role;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * With {@code auth.admin-second-factor=required}, administrator routes open only to a session that was
 * opened with a second factor (its token's {@code amr} has {@code otp}). A page request is sent to
 * enrolment; the API answers 403 with a problem that says why. Runs after {@link Auth}.
 */
public final class AdminSecondFactorGate {
    private final boolean required;

    public AdminSecondFactorGate(boolean required) {
        this.required = required;
    }

    /** The admin gate step: a page request without a second factor is answered with a redirect to enrolment. */
    public void check(Context ctx) {
        if (!required || !ctx.routeRoles().contains(Role.ADMIN)) {
            return;
        }
        Optional<AccessToken> caller = Auth.principal(ctx);
        if (caller.isEmpty() || Amr.hasSecondFactor(caller.get().amr())) {
            return;
        }
        if (FrontEnd.isApi(ctx)) {
            throw ActionRefused.forbidden("error.secondFactor.adminRequired");
        }
        ctx.redirect(Paths.SECOND_FACTOR + "?for=admin", HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
    }
}
