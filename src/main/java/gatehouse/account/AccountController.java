package gatehouse.account;

import gatehouse.secondfactor.SecondFactorLoginController;
import gatehouse.secondfactor.SecondFactors;
import gatehouse.secondfactor.TwoStepLogin;
import gatehouse.session.Session;
import gatehouse.session.SessionDao;
import gatehouse.token.AccessToken;
import gatehouse.web.Auth;
import gatehouse.web.Cookies;
import gatehouse.web.LocalPaths;
import gatehouse.domain.MemberGone;
import gatehouse.web.Pages;
import gatehouse.web.Text;
import gatehouse.domain.ValidationException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sign-up, login, logout and the member page. */
public final class AccountController {
    public static final String SIGNUP = "/signup";
    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";
    public static final String ME = "/me";

    private final Accounts accounts;
    private final TwoStepLogin twoStepLogin;
    private final SecondFactors secondFactors;
    private final SecondFactorLoginController secondStep;
    private final SessionDao sessions;
    private final Pages pages;
    private final Cookies cookies;
    private final Clock clock;

    public AccountController(Accounts accounts, TwoStepLogin twoStepLogin, SecondFactors secondFactors,
                             SecondFactorLoginController secondStep, SessionDao sessions, Pages pages,
                             Cookies cookies, Clock clock) {
        this.accounts = accounts;
        this.twoStepLogin = twoStepLogin;
        this.secondFactors = secondFactors;
        this.secondStep = secondStep;
        this.sessions = sessions;
        this.pages = pages;
        this.cookies = cookies;
        this.clock = clock;
    }

    public void home(Context ctx) {
        ctx.redirect(Auth.principal(ctx).isPresent() ? ME : LOGIN, HttpStatus.SEE_OTHER);
    }

    public void showSignup(Context ctx) {
        pages.render(ctx, "signup.jte", SignupPage.blank());
    }

    public void signup(Context ctx) {
        var profile = profileForm(ctx);
        var form = new SignupForm(ctx.formParam("username"), ctx.formParam("password"), ctx.formParam("passwordConfirm"), profile);
        try {
            User user = accounts.signUp(form, ctx.ip());
            // Post/redirect/get: reloading the next page must not send the sign-up again.
            cookies.setWelcome(ctx, new Cookies.Welcome(user.username(), profile.nickname().strip()));
            ctx.redirect(LOGIN, HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            pages.render(ctx, HttpStatus.UNPROCESSABLE_CONTENT, "signup.jte",
                    new SignupPage(nullToEmpty(form.username()), profile, translate(ctx, e)));
        }
    }

    public void showLogin(Context ctx) {
        if (Auth.principal(ctx).isPresent()) {
            ctx.redirect(ME, HttpStatus.SEE_OTHER);
            return;
        }
        Optional<Cookies.Welcome> welcome = cookies.takeWelcome(ctx);
        pages.render(ctx, "login.jte", new LoginPage(welcome.map(Cookies.Welcome::username).orElse(""),
                LocalPaths.safe(ctx.queryParam("next")), null,
                welcome.map(w -> pages.text(ctx).format("notice.welcome", w.nickname())).orElse(null)));
    }

    /** The password step; a member with a second factor goes on to {@link SecondFactorLoginController#PATH}. */
    public void login(Context ctx) {
        String username = ctx.formParam("username");
        String next = LocalPaths.safe(ctx.formParam("next"));
        var outcome = twoStepLogin.passwordStep(username, ctx.formParam("password"), next, ctx.ip(), ctx.userAgent(),
                Cookies.read(ctx, Cookies.DEVICE_TOKEN));
        if (outcome instanceof TwoStepLogin.Outcome.Refused) {
            pages.render(ctx, HttpStatus.UNAUTHORIZED, "login.jte",
                    new LoginPage(nullToEmpty(username), next, pages.text(ctx).get("error.login.failed"), null));
            return;
        }
        secondStep.respond(ctx, outcome);
    }

    public void logout(Context ctx) {
        AccessToken me = Auth.member(ctx);
        String nickname = accounts.member(me.userId()).map(m -> m.profile().nickname()).orElse(me.username());
        accounts.logOut(me.userId(), me.sessionId(), ctx.ip());
        cookies.clearTokens(ctx);
        Auth.signedOut(ctx);
        pages.message(ctx, HttpStatus.OK, "logout.title", "logout.message", LOGIN, "link.login", nickname);
    }

    public void showMe(Context ctx) {
        AccessToken me = Auth.member(ctx);
        Member member = accounts.member(me.userId()).orElseThrow(MemberGone::new);
        Instant now = clock.instant();
        Instant refreshExpires = sessions.find(me.sessionId()).map(Session::expiresAt).orElse(now);
        List<Session> active = sessions.activeOf(me.userId(), now);
        pages.render(ctx, "me.jte", new MePage(member, me, refreshExpires, now, active,
                JsonText.pretty(me.headerJson()), JsonText.pretty(me.claimsJson()), secondFactors.isOn(me.userId())));
    }

    static ProfileForm profileForm(Context ctx) {
        String consent = ctx.formParam("privacyConsent");
        return new ProfileForm(ctx.formParam("name"), ctx.formParam("nickname"), ctx.formParam("introduction"),
                ctx.formParam("phone"), ctx.formParam("birthday"), ctx.formParam("gender"),
                consent != null && !consent.isEmpty() && !consent.equals("false"));
    }

    /** The field errors of {@code e} in the request's language. */
    public Map<String, String> translate(Context ctx, ValidationException e) {
        Text t = pages.text(ctx);
        Map<String, String> messages = new LinkedHashMap<>();
        e.fieldErrors().forEach((field, key) -> messages.put(field, t.get(key)));
        return messages;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
