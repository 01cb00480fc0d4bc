package gatehouse.api;

import gatehouse.account.Accounts;
import gatehouse.account.MemberAccount;
import gatehouse.account.ProfileForm;
import gatehouse.session.SessionListCache;
import gatehouse.token.AccessToken;
import gatehouse.web.Auth;
import gatehouse.domain.MemberGone;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** {@code /api/v1/me}: the caller's own profile, account and sessions. */
public final class ApiMeController {
    /**
     * The profile fields only (anything else is an unknown field, 400). A field left out or null keeps
     * its value; an empty string clears an optional one.
     */
    public record ProfilePatch(String name, String nickname, String introduction, String phone, String birthday,
                               String gender, Boolean privacyConsent) {}

    /** The current password, which deleting one's own account requires. */
    public record PasswordRequest(String password) {}

    /** A list of the caller's active sessions. */
    public record SessionList(List<SessionView> items) {}

    private final Accounts accounts;
    private final SessionListCache sessions;
    private final JsonBody body;
    private final Clock clock;

    public ApiMeController(Accounts accounts, SessionListCache sessions, JsonBody body, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.body = body;
        this.clock = clock;
    }

    public void show(Context ctx) {
        ctx.json(MemberJson.of(current(ctx)));
    }

    public void update(Context ctx) throws IOException {
        AccessToken me = Auth.member(ctx);
        ProfilePatch patch = body.read(ctx, ProfilePatch.class);
        ProfileForm was = ProfileForm.of(current(ctx).profile());
        var form = new ProfileForm(
                or(patch.name(), was.name()),
                or(patch.nickname(), was.nickname()),
                or(patch.introduction(), was.introduction()),
                or(patch.phone(), was.phone()),
                or(patch.birthday(), was.birthday()),
                or(patch.gender(), was.gender()),
                patch.privacyConsent() != null ? patch.privacyConsent() : was.privacyConsent());
        ctx.json(MemberJson.of(accounts.updateProfile(me.userId(), form, ctx.ip())));
    }

    public void delete(Context ctx) throws IOException {
        AccessToken me = Auth.member(ctx);
        PasswordRequest in = body.read(ctx, PasswordRequest.class);
        accounts.deleteOwnAccount(me.userId(), in.password(), ctx.ip());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    public void sessions(Context ctx) {
        AccessToken me = Auth.member(ctx);
        List<SessionView> active = sessions.activeOf(me.userId(), clock.instant()).stream()
                .map(session -> SessionView.of(session, me.sessionId()))
                .toList();
        ctx.json(new SessionList(active));
    }

    /** Ends one of the caller's own active sessions; someone else's is as unknown as a made-up id (404). */
    public void endSession(Context ctx) {
        AccessToken me = Auth.member(ctx);
        UUID id = PathIds.of(ctx, "id", "api.session.notFound");
        if (!accounts.endSession(me.userId(), id, ctx.ip())) {
            throw ApiProblem.of(HttpStatus.NOT_FOUND, "api.session.notFound");
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private MemberAccount current(Context ctx) {
        return accounts.member(Auth.member(ctx).userId()).orElseThrow(MemberGone::new);
    }

    private static String or(String given, String current) {
        return given != null ? given : current;
    }
}
