package gatehouse.token;

/** A token that failed verification. The reason is for the log, never for the client. */
public final class InvalidTokenException extends Exception {
    private final boolean expired;

    public InvalidTokenException(String reason, boolean expired) {
        super(reason);
        this.expired = expired;
    }

    /** True when the token was valid but for its age: the cue for a silent refresh. */
    public boolean expired() {
        return expired;
    }
}
