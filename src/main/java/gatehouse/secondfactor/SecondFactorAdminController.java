package gatehouse.secondfactor;

import gatehouse.admin.MemberQuery;
import gatehouse.web.Auth;
import gatehouse.web.ClientAddress;
import gatehouse.web.Uuids;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.UUID;

/** An administrator resets a member's second factor (lost phone and recovery codes); the member enrols again. */
public final class SecondFactorAdminController {
    public static final String RESET = "/admin/users/{id}/second-factor/reset";

    private final SecondFactors secondFactors;
    private final ClientAddress client;

    public SecondFactorAdminController(SecondFactors secondFactors, ClientAddress client) {
        this.secondFactors = secondFactors;
        this.client = client;
    }

    public void reset(Context ctx) {
        UUID id = Uuids.pathParam(ctx, "id");
        MemberQuery back = MemberQuery.of(ctx.formParam("q"), ctx.formParam("sort"), ctx.formParam("page"));
        secondFactors.reset(Auth.member(ctx).userId(), id, client.ip(ctx));
        ctx.redirect(back.withNotice("secondFactorReset", id), HttpStatus.SEE_OTHER);
    }
}
