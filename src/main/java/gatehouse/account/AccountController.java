package gatehouse.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gatehouse.session.DeviceNames;
import gatehouse.session.LoginSession;
import gatehouse.session.SessionListCache;
import gatehouse.token.AccessToken;
import gatehouse.web.Auth;
import gatehouse.web.Cookies;
import gatehouse.domain.MemberGone;
import gatehouse.web.Pages;
import gatehouse.web.Text;
import gatehouse.domain.ValidationException;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sign-up, logout and the member page (the login itself is {@code gatehouse.login}). */
public final class AccountController {
    private final Accounts accounts;
    private final SessionListCache sessions;
    private final Pages pages;
    private final Cookies cookies;
    private final Clock clock;
    private final DeviceNames devices;
    /** A token's header and claims are shown on every visit while it lives: pretty-printed once each. */
    private final Cache<String, String> printed = Caffeine.newBuilder().maximumSize(2_000).build();

    public AccountController(Accounts accounts, SessionListCache sessions, Pages pages, Cookies cookies, Clock clock, DeviceNames devices) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.pages = pages;
        this.cookies = cookies;
        this.clock = clock;
        this.devices = devices;
    }

    public void home(Context ctx) {
        ctx.redirect(Auth.principal(ctx).isPresent() ? Paths.ME : Paths.LOGIN, HttpStatus.SEE_OTHER);
    }

    public void showSignup(Context ctx) {
        pages.render(ctx, SignupPage.blank());
    }

    public void signup(Context ctx) {
        var profile = profileForm(ctx);
        var form = new SignupForm(ctx.formParam("username"), ctx.formParam("password"), ctx.formParam("passwordConfirm"), profile);
        try {
            User user = accounts.signUp(form, ctx.ip());
            // Post/redirect/get: reloading the next page must not send the sign-up again.
            cookies.setWelcome(ctx, new Cookies.Welcome(user.username(), profile.nickname().strip()));
            ctx.redirect(Paths.LOGIN, HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            pages.render(ctx, HttpStatus.UNPROCESSABLE_CONTENT,
                    new SignupPage(nullToEmpty(form.username()), profile, translate(ctx, e)));
        }
    }

    public void logout(Context ctx) {
        AccessToken me = Auth.member(ctx);
        String nickname = accounts.member(me.userId()).map(m -> m.profile().nickname()).orElse(me.username());
        accounts.logOut(me.userId(), me.sessionId(), ctx.ip());
        cookies.clearTokens(ctx);
        Auth.signedOut(ctx);
        pages.message(ctx, HttpStatus.OK, "logout.title", "logout.message", Paths.LOGIN, "link.login", nickname);
    }

    public void showMe(Context ctx) {
        AccessToken me = Auth.member(ctx);
        MemberAccount member = accounts.member(me.userId()).orElseThrow(MemberGone::new);
        Instant now = clock.instant();
        // The sessions (this one among them) and the member, both cached 2 s; the member says whether there is a second factor.
        List<LoginSession> active = sessions.activeOf(me.userId(), now);
        Instant refreshExpires = active.stream().filter(s -> s.id().equals(me.sessionId())).findFirst()
                .map(LoginSession::expiresAt).orElse(now);
        pages.render(ctx, new MePage(member, me, refreshExpires, now, active,
                printed.get(me.headerJson(), JsonText::pretty), printed.get(me.claimsJson(), JsonText::pretty),
                member.secondFactor(), devices.ofSessions(active)));
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
