package gatehouse.account;

import java.time.Duration;

/**
 * How long an account waits after repeated failed logins: nothing for the first few, then a wait that
 * doubles with each failure up to 15 minutes. Never permanent, so an attacker cannot lock a member out
 * for good, and at most a handful of guesses an hour once the cap is reached.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private LoginThrottle() {}

    /** The wait imposed after {@code failures} consecutive failures (zero when none). */
    public static Duration waitAfter(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES, 20);
        Duration wait = Duration.ofSeconds(1L << doublings);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
