package gatehouse.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/** Polls a condition until it holds or a deadline passes: for effects that are promised "within N seconds". */
public final class Eventually {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private Eventually() {}

    /**
     * Returns how long {@code condition} took to become true; fails the test when it is still false after
     * {@code limit}, naming {@code what}.
     */
    public static Duration within(Duration limit, String what, BooleanSupplier condition) {
        return within(limit, POLL_INTERVAL, what, condition);
    }

    /** As {@link #within(Duration, String, BooleanSupplier)}, polling every {@code interval}: for timings. */
    public static Duration within(Duration limit, Duration interval, String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": still not so after " + limit.toMillis() + " ms");
            }
            LockSupport.parkNanos(interval.toNanos());
        }
    }
}
