package gatehouse.login;

import gatehouse.account.Logins;
import gatehouse.account.SettingsController;
import gatehouse.account.User;
import gatehouse.token.AccessTokens;
import gatehouse.web.Auth;
import gatehouse.web.Cookies;
import gatehouse.web.LocalPaths;
import gatehouse.web.Pages;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * The login pages: {@code /login} takes the password, {@code /login/second-factor} asks for the code of a
 * login whose password was right, and {@link #respond} turns either step's outcome into cookies and a redirect.
 */
public final class LoginController {
    private final TwoStepLogin login;
    private final AccessTokens accessTokens;
    private final Pages pages;
    private final Cookies cookies;

    public LoginController(TwoStepLogin login, AccessTokens accessTokens, Pages pages, Cookies cookies) {
        this.login = login;
        this.accessTokens = accessTokens;
        this.pages = pages;
        this.cookies = cookies;
    }

    public void showPassword(Context ctx) {
        if (Auth.principal(ctx).isPresent()) {
            ctx.redirect(Paths.ME, HttpStatus.SEE_OTHER);
            return;
        }
        Optional<Cookies.Welcome> welcome = cookies.takeWelcome(ctx);
        pages.render(ctx, new LoginPage(welcome.map(Cookies.Welcome::username).orElse(""),
                LocalPaths.safe(ctx.queryParam("next")), null,
                welcome.map(w -> pages.text(ctx).format("notice.welcome", w.nickname())).orElse(null)));
    }

    /** The password step; a member with a second factor goes on to {@link Paths#LOGIN_SECOND_FACTOR}. */
    public void submitPassword(Context ctx) {
        String username = ctx.formParam("username");
        String next = LocalPaths.safe(ctx.formParam("next"));
        var outcome = login.passwordStep(username, ctx.formParam("password"), next, ctx.ip(), ctx.userAgent(),
                Cookies.read(ctx, Cookies.DEVICE_TOKEN));
        if (outcome instanceof TwoStepLogin.Outcome.Refused) {
            pages.render(ctx, HttpStatus.UNAUTHORIZED, new LoginPage(username == null ? "" : username,
                    next, pages.text(ctx).get("error.login.failed"), null));
            return;
        }
        respond(ctx, outcome);
    }

    public void showSecondFactor(Context ctx) {
        if (Auth.principal(ctx).isPresent()) {
            ctx.redirect(Paths.ME, HttpStatus.SEE_OTHER);
            return;
        }
        var next = login.pendingNext(Cookies.read(ctx, Cookies.LOGIN_CHALLENGE));
        if (next.isEmpty()) {
            expired(ctx, LocalPaths.safe(ctx.queryParam("next")));
            return;
        }
        pages.render(ctx, new SecondFactorLoginPage(next.get(), null));
    }

    public void submitSecondFactor(Context ctx) {
        String next = LocalPaths.safe(ctx.formParam("next"));
        var outcome = login.codeStep(Cookies.read(ctx, Cookies.LOGIN_CHALLENGE), ctx.formParam("code"), ctx.ip(),
                ctx.userAgent());
        if (outcome instanceof TwoStepLogin.Outcome.Refused) {
            pages.render(ctx, HttpStatus.UNAUTHORIZED,
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
            ctx.redirect(Paths.LOGIN_SECOND_FACTOR, HttpStatus.SEE_OTHER);
        } else if (outcome instanceof TwoStepLogin.Outcome.Granted granted) {
            Logins.Login done = granted.login();
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
                    : granted.next().isEmpty() ? Paths.ME : granted.next();
            ctx.redirect(target, HttpStatus.SEE_OTHER);
        } else {
            throw new IllegalStateException("not a successful login step: " + outcome);
        }
    }

    /** The step ran out (or never began): back to the password, keeping where the login was going. */
    private void expired(Context ctx, String next) {
        cookies.clearLoginChallenge(ctx);
        pages.render(ctx, HttpStatus.UNAUTHORIZED,
                new LoginPage("", next, pages.text(ctx).get("error.secondFactor.expired"), null));
    }
}
