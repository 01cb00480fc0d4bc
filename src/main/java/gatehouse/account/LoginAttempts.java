package gatehouse.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Admits login attempts (and password re-checks) through the throttles: the device's own when the
 * attempt comes from a trusted {@link LoginDevice}, else the account-wide one. The attempt is counted,
 * and the wait it would earn set, before the (slow) password check: otherwise parallel guesses all read
 * the same count, all get checked, and the throttle never engages.
 */
public final class LoginAttempts {

    /** An admitted attempt, already counted as a failure (a success clears it); {@code device} null: account-wide. */
    record Attempt(Credentials credentials, int failures, Instant lockedUntil, LoginDevice device) {}

    private final UserDao users;
    private final LoginDevices devices;
    private final Clock clock;

    public LoginAttempts(UserDao users, LoginDevices devices, Clock clock) {
        this.users = users;
        this.devices = devices;
        this.clock = clock;
    }

    /** Empty when throttled, or when other attempts keep coming first. */
    Optional<Attempt> admit(UUID userId, LoginDevice device) {
        if (device != null) {
            Optional<Credentials> credentials = users.credentials(userId);
            return credentials.flatMap(c -> devices.countAttempt(device)
                    .map(counted -> new Attempt(c, counted.failedLogins(), counted.lockedUntil(), counted)));
        }
        Instant now = clock.instant();
        for (int tries = 0; tries < 5; tries++) {
            Optional<Credentials> read = users.credentials(userId);
            if (read.isEmpty() || read.get().isLocked(now)) {
                return Optional.empty();
            }
            int failures = read.get().failedLogins() + 1;
            Duration wait = LoginThrottle.waitAfter(failures);
            Instant lockedUntil = wait.isZero() ? null : now.plus(wait);
            if (users.countAttempt(userId, read.get().failedLogins(), failures, lockedUntil) == 1) {
                return Optional.of(new Attempt(read.get(), failures, lockedUntil, null));
            }
        }
        return Optional.empty();
    }

    /** When the account-wide throttle lets the next attempt in (now, when it does already). */
    Instant accountOpensAt(UUID userId) {
        Instant now = clock.instant();
        return users.credentials(userId).map(Credentials::lockedUntil).filter(until -> until.isAfter(now)).orElse(now);
    }
}
