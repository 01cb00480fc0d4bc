package gatehouse.account;

import gatehouse.token.AccessToken;
import gatehouse.web.Auth;
import gatehouse.web.Cookies;
import gatehouse.domain.MemberGone;
import gatehouse.web.Pages;
import gatehouse.web.Text;
import gatehouse.web.Uuids;
import gatehouse.domain.ValidationException;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A member's own account: profile, password, sessions, and deleting the account. */
public final class SettingsController {
    /** Where a login with an imported password that breaks today's rules lands: the form, with why. */
    public static final String PASSWORD_CHANGE_REQUIRED = Paths.SETTINGS + "?notice=password-required#password-heading";

    /** The notices a redirect back to the settings may name; the text comes from the bundles. */
    private static final Map<String, String> NOTICES = Map.of(
            "saved", "settings.notice.saved",
            "password", "settings.notice.password",
            "password-required", "settings.notice.passwordRequired");

    private final Accounts accounts;
    private final Pages pages;
    private final Cookies cookies;

    public SettingsController(Accounts accounts, Pages pages, Cookies cookies) {
        this.accounts = accounts;
        this.pages = pages;
        this.cookies = cookies;
    }

    public void showEdit(Context ctx) {
        MemberAccount member = current(ctx);
        String key = NOTICES.get(String.valueOf(ctx.queryParam("notice")));
        render(ctx, HttpStatus.OK, member, ProfileForm.of(member.profile()), Map.of(),
                key == null ? null : pages.text(ctx).get(key));
    }

    /** Reads only the listed profile fields (see {@link AccountController#profileForm}): nothing else can be set. */
    public void edit(Context ctx) {
        AccessToken me = Auth.member(ctx);
        ProfileForm form = AccountController.profileForm(ctx);
        try {
            accounts.updateProfile(me.userId(), form, ctx.ip());
            ctx.redirect(Paths.SETTINGS + "?notice=saved", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            render(ctx, HttpStatus.UNPROCESSABLE_CONTENT, current(ctx), form, translate(ctx, e, Map.of()), null);
        }
    }

    public void changePassword(Context ctx) {
        AccessToken me = Auth.member(ctx);
        try {
            accounts.changePassword(me.userId(), me.sessionId(), ctx.formParam("currentPassword"),
                    ctx.formParam("newPassword"), ctx.formParam("newPasswordConfirm"), ctx.ip());
            ctx.redirect(Paths.SETTINGS + "?notice=password", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            MemberAccount member = current(ctx);
            render(ctx, HttpStatus.UNPROCESSABLE_CONTENT, member, ProfileForm.of(member.profile()),
                    translate(ctx, e, Map.of()), null);
        }
    }

    /** Ends one of the member's sessions; another member's session id is answered as if it did not exist. */
    public void revokeSession(Context ctx) {
        AccessToken me = Auth.member(ctx);
        UUID sessionId = Uuids.parse(ctx.pathParam("id"));
        if (sessionId == null || !accounts.endSession(me.userId(), sessionId, ctx.ip())) {
            throw new NotFoundResponse();
        }
        if (sessionId.equals(me.sessionId())) {
            // Ending the session in use is a logout.
            cookies.clearTokens(ctx);
            ctx.redirect(Paths.LOGIN, HttpStatus.SEE_OTHER);
            return;
        }
        ctx.redirect(Paths.ME, HttpStatus.SEE_OTHER);
    }

    public void revokeOthers(Context ctx) {
        AccessToken me = Auth.member(ctx);
        accounts.endOtherSessions(me.userId(), me.sessionId(), ctx.ip());
        ctx.redirect(Paths.ME, HttpStatus.SEE_OTHER);
    }

    public void deleteAccount(Context ctx) {
        AccessToken me = Auth.member(ctx);
        MemberAccount member = current(ctx);
        try {
            accounts.deleteOwnAccount(me.userId(), ctx.formParam("password"), ctx.ip());
        } catch (ValidationException e) {
            // The delete form's field is "password", shown as deletePassword: password.js owns id="password".
            render(ctx, HttpStatus.UNPROCESSABLE_CONTENT, member, ProfileForm.of(member.profile()),
                    translate(ctx, e, Map.of("password", "deletePassword")), null);
            return;
        }
        cookies.clearTokens(ctx);
        Auth.signedOut(ctx);
        pages.message(ctx, HttpStatus.OK, "farewell.title", "farewell.message", Paths.SIGNUP,
                "link.signup", member.profile().nickname());
    }

    private MemberAccount current(Context ctx) {
        return accounts.member(Auth.member(ctx).userId()).orElseThrow(MemberGone::new);
    }

    private void render(Context ctx, HttpStatus status, MemberAccount member, ProfileForm values, Map<String, String> errors,
                        String notice) {
        pages.render(ctx, status, new SettingsPage(member.user().username(), values, errors, notice));
    }

    private Map<String, String> translate(Context ctx, ValidationException e, Map<String, String> renamed) {
        Text t = pages.text(ctx);
        Map<String, String> messages = new LinkedHashMap<>();
        e.fieldErrors().forEach((field, key) -> messages.put(renamed.getOrDefault(field, field), t.get(key)));
        return messages;
    }
}
