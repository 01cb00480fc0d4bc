package gatehouse.secondfactor;

import gatehouse.account.Accounts;
import gatehouse.account.AccountController;
import gatehouse.account.SettingsController;
import gatehouse.account.LoginPage;
import gatehouse.account.User;
import gatehouse.token.AccessTokens;
import gatehouse.web.Auth;
import gatehouse.web.Cookies;
import gatehouse.web.LocalPaths;
import gatehouse.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The pages' end of a login: {@code /login/second-factor} asks for the code of a login whose password was
 * right, and {@link #respond} turns any login step's outcome into cookies and a redirect.
 */
public final class SecondFactorLoginController {
    public static final String PATH = "/login/second-factor";
    private static final String TEMPLATE = "secondFactorLogin.jte";

    private final TwoStepLogin login;
    private final AccessTokens accessTokens;
    private final Pages pages;
    private final Cookies cookies;

    public SecondFactorLoginController(TwoStepLogin login, AccessTokens accessTokens, Pages pages,
                                       Cookies cookies) {
        this.login = login;
        this.accessTokens = accessTokens;
        this.pages = pages;
        this.cookies = cookies;
    }

    public void show(Context ctx) {
        if (Auth.principal(ctx).isPresent()) {
            ctx.redirect(AccountController.ME, HttpStatus.SEE_OTHER);
            return;
        }
        var next = login.pendingNext(Cookies.read(ctx, Cookies.LOGIN_CHALLENGE));
        if (next.isEmpty()) {
            expired(ctx, LocalPaths.safe(ctx.queryParam("next")));
            return;
        }
        pages.render(ctx, TEMPLATE, new SecondFactorLoginPage(next.get(), null));
    }

    public void submit(Context ctx) {
        String next = LocalPaths.safe(ctx.formParam("next"));
        var outcome = login.codeStep(Cookies.read(ctx, Cookies.LOGIN_CHALLENGE), ctx.formParam("code"), ctx.ip(),
                ctx.userAgent());
        if (outcome instanceof TwoStepLogin.Outcome.Refused) {
            pages.render(ctx, HttpStatus.UNAUTHORIZED, TEMPLATE,
                    new SecondFactorLoginPage(next, pages.text(ctx).get("error.secondFactor.login")));
            return;
        }
        if (outcome instanceof TwoStepLogin.Outcome.Expired) {
            expired(ctx, next);
            return;
        }
        respond(ctx, outcome);
    }

    /**
     * A granted login sets the token cookies and goes on to {@code next} (or the member page); a challenged
     * one keeps the challenge in a cookie for as long as it is valid and asks for the code.
     */
    public void respond(Context ctx, TwoStepLogin.Outcome outcome) {
        if (outcome instanceof TwoStepLogin.Outcome.Challenged challenged) {
            cookies.setLoginChallenge(ctx, challenged.challenge(), TwoStepLogin.CHALLENGE_TIME);
            ctx.redirect(PATH, HttpStatus.SEE_OTHER);
        } else if (outcome instanceof TwoStepLogin.Outcome.Granted granted) {
            Accounts.Login done = granted.login();
            User user = done.user();
            cookies.setAccessToken(ctx, accessTokens.issue(user.id(), user.username(), user.role(),
                    done.session().sessionId(), done.session().amr()), accessTokens.timeToLive());
            cookies.setRefreshToken(ctx, done.session().token(), done.session().expiresAt());
            cookies.setDeviceToken(ctx, done.deviceToken());
            if (Cookies.read(ctx, Cookies.LOGIN_CHALLENGE) != null) {
                cookies.clearLoginChallenge(ctx);
            }
            // An imported password below today's rules was accepted once: straight to the change form.
            String target = done.passwordChangeRequired() ? SettingsController.PASSWORD_CHANGE_REQUIRED
                    : granted.next().isEmpty() ? AccountController.ME : granted.next();
            ctx.redirect(target, HttpStatus.SEE_OTHER);
        } else {
            throw new IllegalStateException("not a successful login step: " + outcome);
        }
    }

    /** The step ran out (or never began): back to the password, keeping where the login was going. */
    private void expired(Context ctx, String next) {
        cookies.clearLoginChallenge(ctx);
        pages.render(ctx, HttpStatus.UNAUTHORIZED, "login.jte",
                new LoginPage("", next, pages.text(ctx).get("error.secondFactor.expired"), null));
    }
}
