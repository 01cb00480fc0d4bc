package gatehouse.login;

import gatehouse.account.Logins;
import gatehouse.account.LoginDevice;
import gatehouse.account.User;
import gatehouse.account.UserDao;
import gatehouse.secondfactor.SecondFactors;
import gatehouse.token.Amr;
import gatehouse.session.RefreshTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Login for pages and API alike: the password, then, for a member with a second factor, a code bound to
 * that login attempt by a random challenge (stored by hash, valid {@link #CHALLENGE_TIME}, at most
 * {@link #MAX_FAILURES} wrong codes, and every attempt counted by the account's login throttle). Tokens are
 * issued only at the end.
 */
public final class TwoStepLogin {
    public static final Duration CHALLENGE_TIME = Duration.ofMinutes(5);
    static final int MAX_FAILURES = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a login step leaves the caller. */
    public sealed interface Outcome {
        /** Logged in: the session, and the local path the login was asked to go on to ("" for none). */
        record Granted(Logins.Login login, String next) implements Outcome {}

        /** The password was right; the second factor is asked for with this challenge. */
        record Challenged(String challenge, Instant expiresAt) implements Outcome {}

        /** Wrong user name, password or code, or a throttled account: one answer for all. */
        record Refused() implements Outcome {}

        /** No such challenge, or it expired or saw too many wrong codes: start again with the password. */
        record Expired() implements Outcome {}
    }

    private final Logins logins;
    private final SecondFactors secondFactors;
    private final LoginChallengeDao challenges;
    private final UserDao users;
    private final Clock clock;

    public TwoStepLogin(LoginChallengeDao challenges, UserDao users, Logins logins, SecondFactors secondFactors,
                        Clock clock) {
        this.logins = logins;
        this.secondFactors = secondFactors;
        this.challenges = challenges;
        this.users = users;
        this.clock = clock;
    }

    /** @param next a safe local path to go on to after the login, or "" */
    public Outcome passwordStep(String username, String password, String next, String ip, String userAgent) {
        return passwordStep(username, password, next, ip, userAgent, null);
    }

    /** @param deviceToken the client's device token, if it has one (see {@code LoginDevices}) */
    public Outcome passwordStep(String username, String password, String next, String ip, String userAgent,
                                String deviceToken) {
        Optional<Logins.Checked> checked = logins.checkPassword(username, password, ip, deviceToken);
        if (checked.isEmpty()) {
            return new Outcome.Refused();
        }
        Optional<User> user = checked.map(Logins.Checked::user);
        LoginDevice device = checked.get().device();
        if (!secondFactors.isOn(user.get().id())) {
            return new Outcome.Granted(logins.openSession(user.get(), device, Amr.PASSWORD, ip, userAgent), next);
        }
        Instant now = clock.instant();
        challenges.deleteExpired(now);
        String token = newToken();
        Instant expiresAt = now.plus(CHALLENGE_TIME);
        challenges.insert(new LoginChallenge(RefreshTokens.hash(token), user.get().id(), next, 0, now, expiresAt,
                device == null ? null : device.id()));
        return new Outcome.Challenged(token, expiresAt);
    }

    /** The local path a live challenge's login goes on to ("" for none); empty when there is no live challenge. */
    public Optional<String> pendingNext(String challenge) {
        if (challenge == null || challenge.isEmpty() || challenge.length() > 100) {
            return Optional.empty();
        }
        return challenges.findLive(RefreshTokens.hash(challenge), clock.instant())
                .filter(live -> live.failures() < MAX_FAILURES)
                .map(LoginChallenge::nextPath);
    }

    /** The second step: a code from the authenticator app, or a recovery code, for a live challenge. */
    public Outcome codeStep(String challenge, String code, String ip, String userAgent) {
        if (challenge == null || challenge.isEmpty() || challenge.length() > 100) {
            return new Outcome.Expired();
        }
        String hash = RefreshTokens.hash(challenge);
        Optional<LoginChallenge> live = challenges.findLive(hash, clock.instant());
        if (live.isEmpty() || live.get().failures() >= MAX_FAILURES) {
            return new Outcome.Expired();
        }
        Optional<User> user = users.findById(live.get().userId());
        if (user.isEmpty()) {
            return new Outcome.Expired();
        }
        // A throttled attempt counts against the challenge too: at most MAX_FAILURES tries, then the password again.
        LoginDevice device = logins.device(live.get().deviceId(), user.get().id()).orElse(null);
        if (!logins.admitAttempt(user.get().id(), device) || secondFactors.verify(user.get().id(), code, ip).isEmpty()) {
            challenges.countFailure(hash);
            return new Outcome.Refused();
        }
        // Of two requests completing one challenge, only the one that deletes it logs in.
        if (challenges.delete(hash) != 1) {
            return new Outcome.Expired();
        }
        return new Outcome.Granted(logins.openSession(user.get(), device, Amr.PASSWORD_AND_OTP, ip, userAgent),
                live.get().nextPath());
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
