package gatehouse.account;

import gatehouse.session.Session;
import gatehouse.session.SessionDao;
import gatehouse.token.AccessToken;
import gatehouse.token.AccessTokens;
import gatehouse.web.Auth;
import gatehouse.web.ClientAddress;
import gatehouse.web.Cookies;
import gatehouse.web.LocalPaths;
import gatehouse.web.MemberGone;
import gatehouse.web.Pages;
import gatehouse.web.Text;
import gatehouse.web.ValidationException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Sign-up, login, logout and the member page. */
public final class AccountController {
    public static final String SIGNUP = "/signup";
    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";
    public static final String ME = "/me";

    private final Accounts accounts;
    private final AccessTokens accessTokens;
    private final SessionDao sessions;
    private final Pages pages;
    private final Cookies cookies;
    private final ClientAddress client;
    private final Clock clock;

    public AccountController(Accounts accounts, AccessTokens accessTokens, Jdbi jdbi, Pages pages, Cookies cookies,
                             ClientAddress client, Clock clock) {
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.sessions = jdbi.onDemand(SessionDao.class);
        this.pages = pages;
        this.cookies = cookies;
        this.client = client;
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
            User user = accounts.signUp(form, client.ip(ctx));
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

    public void login(Context ctx) {
        String username = ctx.formParam("username");
        String next = LocalPaths.safe(ctx.formParam("next"));
        Optional<Accounts.Login> login = accounts.logIn(username, ctx.formParam("password"), client.ip(ctx), ctx.userAgent());
        if (login.isEmpty()) {
            pages.render(ctx, HttpStatus.UNAUTHORIZED, "login.jte",
                    new LoginPage(nullToEmpty(username), next, pages.text(ctx).get("error.login.failed"), null));
            return;
        }
        User user = login.get().user();
        var session = login.get().session();
        cookies.setAccessToken(ctx, accessTokens.issue(user.id(), user.username(), user.role(), session.sessionId()),
                accessTokens.timeToLive());
        cookies.setRefreshToken(ctx, session.token(), session.expiresAt());
        // An imported password below today's rules was accepted once: straight to the change form.
        String target = login.get().passwordChangeRequired() ? SettingsController.PASSWORD_CHANGE_REQUIRED
                : next.isEmpty() ? ME : next;
        ctx.redirect(target, HttpStatus.SEE_OTHER);
    }

    public void logout(Context ctx) {
        AccessToken me = Auth.member(ctx);
        String nickname = accounts.member(me.userId()).map(m -> m.profile().nickname()).orElse(me.username());
        accounts.logOut(me.userId(), me.sessionId(), client.ip(ctx));
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
                JsonText.pretty(me.headerJson()), JsonText.pretty(me.claimsJson())));
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
