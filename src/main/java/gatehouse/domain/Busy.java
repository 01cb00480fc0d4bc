package gatehouse.domain;

/**
 * The server has more of some expensive work queued (password hashing) than it can finish soon: the
 * caller gets 503 with {@code Retry-After} instead of waiting without end.
 */
public final class Busy extends RuntimeException {
    public static final int RETRY_AFTER_SECONDS = 2;

    public Busy(String what) {
        super(what);
    }
}
