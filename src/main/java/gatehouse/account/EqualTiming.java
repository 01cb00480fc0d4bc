package gatehouse.account;

import java.util.concurrent.locks.LockSupport;

/**
 * Failed logins take the time of one check at the configured bcrypt cost, whatever the cost of the stored
 * hash: after a cost rise, members not yet re-hashed answered a wrong password in 44 ms against 187 ms for
 * an unknown name, which told the names apart. A failure against a cheaper hash waits out the difference,
 * measured from the recent checks at the configured cost (unknown names included). A dearer hash cannot be
 * hurried; it is re-made at the member's next login.
 */
final class EqualTiming {
    private final Passwords passwords;
    /**
     * The last checks at the configured cost, in nanoseconds: their median is the time to wait out. A median,
     * not an average, so that one slow check (the first waits for the dummy hash; a busy machine) does not
     * make every padded failure slower than an unknown name.
     */
    private final long[] recent = new long[15];
    private int seen;

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
        long typical = typical();
        if (typical == 0) {
            passwords.matchNobody(password);
            return;
        }
        long until = started + typical;
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private synchronized void observe(long nanos) {
        recent[seen++ % recent.length] = nanos;
    }

    /** The median of the recent checks (0 until one was seen). */
    private synchronized long typical() {
        int filled = Math.min(seen, recent.length);
        if (filled == 0) {
            return 0;
        }
        long[] sorted = java.util.Arrays.copyOf(recent, filled);
        java.util.Arrays.sort(sorted);
        return sorted[filled / 2];
    }
}
