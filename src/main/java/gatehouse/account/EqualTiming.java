package gatehouse.account;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Failed logins take the time of one check at the configured bcrypt cost, whatever the cost of the stored
 * hash: after a cost rise, members not yet re-hashed answered a wrong password in 44 ms against 187 ms for
 * an unknown name, which told the names apart. A failure against a cheaper hash waits out the difference,
 * measured from the checks at the configured cost (unknown names included). A dearer hash cannot be
 * hurried; it is re-made at the member's next login.
 */
final class EqualTiming {
    private final Passwords passwords;
    /** A moving average of one check at the configured cost, in nanoseconds (0 until one was seen). */
    private final AtomicLong typicalNanos = new AtomicLong();

    EqualTiming(Passwords passwords) {
        this.passwords = passwords;
    }

    /** The check for a name that does not exist (or a throttled one), which also calibrates the wait. */
    void matchNobody(String password) {
        long started = System.nanoTime();
        passwords.matchNobody(password);
        observe(System.nanoTime() - started);
    }

    /** After a wrong password against {@code storedHash}, checked since {@code started} ({@link System#nanoTime()}). */
    void afterFailure(String storedHash, String password, long started) {
        int stored = Passwords.costOf(storedHash);
        if (stored == passwords.cost()) {
            observe(System.nanoTime() - started);
            return;
        }
        if (stored > passwords.cost()) {
            return;
        }
        long typical = typicalNanos.get();
        if (typical == 0) {
            passwords.matchNobody(password);
            return;
        }
        long until = started + typical;
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private void observe(long nanos) {
        typicalNanos.updateAndGet(old -> old == 0 ? nanos : (old * 7 + nanos) / 8);
    }
}
