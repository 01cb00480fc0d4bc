package gatehouse.api;

import gatehouse.account.Accounts;
import gatehouse.account.MemberAccount;
import gatehouse.account.ProfileForm;
import gatehouse.account.SignupForm;
import gatehouse.account.User;
import gatehouse.login.TwoStepLogin;
import gatehouse.session.RefreshTokens;
import gatehouse.session.LoginSession;
import gatehouse.session.TokenRenewal;
import gatehouse.token.AccessTokens;
import gatehouse.domain.ValidationException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/auth}: sign-up, login, refresh and logout for clients without cookies. The rules are
 * {@link Accounts}', {@link RefreshTokens}' and {@link TokenRenewal}'s; this class only reads JSON and writes JSON.
 */
public final class ApiAuthController {
    /** The sign-up fields, as the sign-up form has them. */
    public record SignupRequest(String username, String password, String passwordConfirm, String name,
                                String nickname, String introduction, String phone, String birthday,
                                String gender, Boolean privacyConsent) {}

    /** User name and password, and the device token of an earlier login from this client, if any. */
    public record LoginRequest(String username, String password, String deviceToken) {}

    /** The challenge a login answered with, and a code from the authenticator app or a recovery code. */
    public record SecondFactorRequest(String challenge, String code) {}

    /** The answer to a right password of a member with a second factor: no tokens yet, a challenge instead. */
    public record SecondFactorChallenge(boolean secondFactorRequired, String challenge, long expiresIn) {}

    /** A refresh token, for {@code refresh} and {@code logout}. */
    public record RefreshRequest(String refreshToken) {}

    private final Accounts accounts;
    private final TwoStepLogin twoStepLogin;
    private final RefreshTokens refreshTokens;
    private final TokenRenewal renewal;
    private final AccessTokens accessTokens;
    private final JsonBody body;

    public ApiAuthController(Accounts accounts, TwoStepLogin twoStepLogin, RefreshTokens refreshTokens,
                             TokenRenewal renewal, AccessTokens accessTokens, JsonBody body) {
        this.accounts = accounts;
        this.twoStepLogin = twoStepLogin;
        this.refreshTokens = refreshTokens;
        this.renewal = renewal;
        this.accessTokens = accessTokens;
        this.body = body;
    }

    public void signup(Context ctx) throws IOException {
        SignupRequest in = body.read(ctx, SignupRequest.class);
        var profile = new ProfileForm(in.name(), in.nickname(), in.introduction(), in.phone(), in.birthday(),
                in.gender(), in.privacyConsent());
        User user;
        try {
            user = accounts.signUp(new SignupForm(in.username(), in.password(), in.passwordConfirm(), profile),
                    ctx.ip());
        } catch (ValidationException e) {
            // Only a name that passed every other rule reaches the unique index: a conflict, not bad input.
            if (e.fieldErrors().size() == 1 && "error.username.taken".equals(e.fieldErrors().get("username"))) {
                throw ApiProblem.field(HttpStatus.CONFLICT, "error.username.taken", "username", "error.username.taken");
            }
            throw e;
        }
        MemberAccount member = accounts.member(user.id()).orElseThrow();
        ctx.status(HttpStatus.CREATED).json(MemberJson.of(member));
    }

    public void login(Context ctx) throws IOException {
        LoginRequest in = body.read(ctx, LoginRequest.class);
        Map<String, String> missing = new LinkedHashMap<>();
        if (in.username() == null || in.username().isBlank()) {
            missing.put("username", "error.username.required");
        }
        if (in.password() == null || in.password().isEmpty()) {
            missing.put("password", "error.password.required");
        }
        if (!missing.isEmpty()) {
            throw new ValidationException(missing);
        }
        var outcome = twoStepLogin.passwordStep(in.username(), in.password(), "", ctx.ip(), ctx.userAgent(),
                in.deviceToken());
        if (outcome instanceof TwoStepLogin.Outcome.Challenged challenged) {
            ctx.json(new SecondFactorChallenge(true, challenged.challenge(), TwoStepLogin.CHALLENGE_TIME.toSeconds()));
            return;
        }
        tokens(ctx, outcome);
    }

    /** The second step of a login that answered with a challenge. */
    public void loginSecondFactor(Context ctx) throws IOException {
        SecondFactorRequest in = body.read(ctx, SecondFactorRequest.class);
        Map<String, String> missing = new LinkedHashMap<>();
        if (in.challenge() == null || in.challenge().isBlank()) {
            missing.put("challenge", "api.challenge.required");
        }
        if (in.code() == null || in.code().isBlank()) {
            missing.put("code", "error.secondFactor.codeRequired");
        }
        if (!missing.isEmpty()) {
            throw new ValidationException(missing);
        }
        var outcome = twoStepLogin.codeStep(in.challenge(), in.code(), ctx.ip(), ctx.userAgent());
        if (outcome instanceof TwoStepLogin.Outcome.Expired) {
            throw ApiProblem.unauthorized("error.secondFactor.expired", "Bearer");
        }
        if (outcome instanceof TwoStepLogin.Outcome.Refused) {
            throw ApiProblem.unauthorized("error.secondFactor.login", "Bearer");
        }
        tokens(ctx, outcome);
    }

    private void tokens(Context ctx, TwoStepLogin.Outcome outcome) {
        if (!(outcome instanceof TwoStepLogin.Outcome.Granted granted)) {
            // One answer for an unknown name, a wrong password and a throttled account alike.
            throw ApiProblem.unauthorized("error.login.failed", "Bearer");
        }
        User user = granted.login().user();
        RefreshTokens.Issued session = granted.login().session();
        String access = accessTokens.issue(user.id(), user.username(), user.role(), session.sessionId(), session.amr());
        ctx.json(new TokenView(access, session.token(), TokenView.BEARER, accessTokens.timeToLive().toSeconds(),
                granted.login().passwordChangeRequired() ? Boolean.TRUE : null, granted.login().deviceToken()));
    }

    /**
     * Rotates the refresh token. The immediate predecessor presented again within the grace period (two
     * parallel refreshes) gets a new access token but no refresh token: the client keeps the one the
     * other call returned. Any other reuse ends the whole session and answers 401.
     */
    public void refresh(Context ctx) throws IOException {
        TokenRenewal.Renewed renewed = renewal.renew(refreshToken(ctx), ctx.ip())
                .orElseThrow(() -> ApiProblem.unauthorized("api.refresh.rejected", "Bearer error=\"invalid_token\""));
        ctx.json(new TokenView(renewed.accessToken(), renewed.refreshToken(), TokenView.BEARER,
                accessTokens.timeToLive().toSeconds(), null, null));
    }

    /**
     * Ends the session (the whole refresh-token family) of the given refresh token; again is harmless. A
     * token rotated before (past the grace period) is a reuse: the family ends too, but audited as such, 401.
     */
    public void logout(Context ctx) throws IOException {
        String presented = refreshToken(ctx);
        LoginSession session = refreshTokens.sessionOf(presented)
                .orElseThrow(() -> ApiProblem.unauthorized("api.refresh.rejected", "Bearer error=\"invalid_token\""));
        if (session.revokedAt() == null) {
            if (refreshTokens.reusedAtLogout(session, presented, ctx.ip())) {
                throw ApiProblem.unauthorized("api.refresh.rejected", "Bearer error=\"invalid_token\"");
            }
            accounts.logOut(session.userId(), session.id(), ctx.ip());
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private String refreshToken(Context ctx) throws IOException {
        String token = body.read(ctx, RefreshRequest.class).refreshToken();
        if (token == null || token.isBlank()) {
            throw ValidationException.of("refreshToken", "api.refreshToken.required");
        }
        return token;
    }
}
