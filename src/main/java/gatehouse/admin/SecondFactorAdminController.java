package gatehouse.admin;

import gatehouse.secondfactor.SecondFactors;
import gatehouse.web.Auth;
import gatehouse.web.Uuids;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.UUID;

/** An administrator resets a member's second factor (lost phone and recovery codes); the member enrols again. */
public final class SecondFactorAdminController {
    private final SecondFactors secondFactors;

    public SecondFactorAdminController(SecondFactors secondFactors) {
        this.secondFactors = secondFactors;
    }

    public void reset(Context ctx) {
        UUID id = Uuids.pathParam(ctx, "id");
        MemberQuery back = MemberQuery.of(ctx.formParam("q"), ctx.formParam("sort"), ctx.formParam("page"));
        secondFactors.reset(Auth.member(ctx).userId(), id, ctx.ip());
        ctx.redirect(ActionNotice.returnTo(ctx, back, "secondFactorReset", id), HttpStatus.SEE_OTHER);
    }
}
