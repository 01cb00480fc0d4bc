package gatehouse.domain;

/** Too many attempts of something that checks a secret: answered 429 with {@code Retry-After}, and nothing checked. */
public final class TooManyAttempts extends RuntimeException {
    private final long retryAfterSeconds;

    public TooManyAttempts(long retryAfterSeconds) {
        super("too many attempts", null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
