package gatehouse.secondfactor;

import gatehouse.account.Accounts;
import gatehouse.account.MemberAccount;
import gatehouse.token.Amr;
import gatehouse.session.RefreshTokens;
import gatehouse.token.AccessToken;
import gatehouse.token.AccessTokens;
import gatehouse.web.Auth;
import gatehouse.web.Cookies;
import gatehouse.domain.MemberGone;
import gatehouse.web.Pages;
import gatehouse.domain.Role;
import gatehouse.domain.ValidationException;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;

/** {@code /me/second-factor}: enrol an authenticator app, turn it off, make new recovery codes. */
public final class SecondFactorController {
    private final SecondFactors secondFactors;
    private final Accounts accounts;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final Pages pages;
    private final Cookies cookies;
    private final boolean adminMustHaveOne;

    public SecondFactorController(SecondFactors secondFactors, Accounts accounts, RefreshTokens refreshTokens,
                                  AccessTokens accessTokens, Pages pages, Cookies cookies,
                                  boolean adminMustHaveOne) {
        this.secondFactors = secondFactors;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.pages = pages;
        this.cookies = cookies;
        this.adminMustHaveOne = adminMustHaveOne;
    }

    public void show(Context ctx) {
        AccessToken me = Auth.member(ctx);
        String notice = "disabled".equals(ctx.queryParam("notice")) ? pages.text(ctx).get("secondFactor.notice.disabled") : null;
        boolean forAdmin = "admin".equals(ctx.queryParam("for"));
        if (secondFactors.isOn(me.userId())) {
            renderOn(ctx, HttpStatus.OK, me, null, Map.of(), notice, forAdmin);
        } else {
            renderEnrolment(ctx, HttpStatus.OK, secondFactors.newEnrolment(me.userId(), me.username()), Map.of(), notice,
                    forAdmin);
        }
    }

    /** Activates the enrolled secret; the recovery codes are shown in this answer and never again. */
    public void activate(Context ctx) {
        AccessToken me = Auth.member(ctx);
        String sealed = ctx.formParam("enrolment");
        List<String> codes;
        try {
            codes = secondFactors.activate(me.userId(), sealed, ctx.formParam("code"), ctx.ip());
        } catch (ValidationException e) {
            var enrolment = secondFactors.reopen(me.userId(), me.username(), sealed)
                    .orElseGet(() -> secondFactors.newEnrolment(me.userId(), me.username()));
            renderEnrolment(ctx, HttpStatus.UNPROCESSABLE_CONTENT, enrolment, pages.fieldErrors(ctx, e, ""), null, false);
            return;
        }
        // Typing a valid code has just proved the second factor in this session.
        refreshTokens.raiseAmr(me.sessionId(), Amr.PASSWORD_AND_OTP);
        cookies.setAccessToken(ctx, accessTokens.issue(me.userId(), me.username(), me.role(), me.sessionId(),
                Amr.PASSWORD_AND_OTP), accessTokens.timeToLive());
        renderOn(ctx, HttpStatus.OK, me, codes, Map.of(), pages.text(ctx).get("secondFactor.notice.enabled"), false);
    }

    public void disable(Context ctx) {
        AccessToken me = Auth.member(ctx);
        try {
            secondFactors.disable(me.userId(), adminMustHaveOne && me.role() == Role.ADMIN,
                    ctx.formParam("password"), ctx.formParam("code"), ctx.ip());
        } catch (ValidationException e) {
            renderOn(ctx, HttpStatus.UNPROCESSABLE_CONTENT, me, null, pages.fieldErrors(ctx, e, "disable."), null, false);
            return;
        }
        ctx.redirect(Paths.SECOND_FACTOR + "?notice=disabled", HttpStatus.SEE_OTHER);
    }

    public void renewRecoveryCodes(Context ctx) {
        AccessToken me = Auth.member(ctx);
        try {
            List<String> codes = secondFactors.renewRecoveryCodes(me.userId(), ctx.formParam("password"),
                    ctx.formParam("code"), ctx.ip());
            renderOn(ctx, HttpStatus.OK, me, codes, Map.of(), pages.text(ctx).get("secondFactor.notice.renewed"), false);
        } catch (ValidationException e) {
            renderOn(ctx, HttpStatus.UNPROCESSABLE_CONTENT, me, null, pages.fieldErrors(ctx, e, "renew."), null, false);
        }
    }

    private void renderOn(Context ctx, HttpStatus status, AccessToken me, List<String> codes, Map<String, String> errors,
                          String notice, boolean forAdmin) {
        accounts.member(me.userId()).orElseThrow(MemberGone::new);
        pages.render(ctx, status, new SecondFactorPage(true, forAdmin, null, null,
                secondFactors.unusedRecoveryCodes(me.userId()), codes, errors, notice));
    }

    private void renderEnrolment(Context ctx, HttpStatus status, SecondFactors.Enrolment enrolment,
                                 Map<String, String> errors, String notice, boolean forAdmin) {
        MemberAccount member = accounts.member(Auth.member(ctx).userId()).orElseThrow(MemberGone::new);
        pages.render(ctx, status, new SecondFactorPage(false, forAdmin || isAdmin(member), enrolment,
                QrCode.of(enrolment.uri()), 0, null, errors, notice));
    }

    private boolean isAdmin(MemberAccount member) {
        return adminMustHaveOne && member.user().role() == Role.ADMIN;
    }
}
