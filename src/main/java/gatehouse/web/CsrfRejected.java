package gatehouse.web;

/** A page form arrived without the CSRF token of this session (or, for a visitor, of this browser). */
public final class CsrfRejected extends RuntimeException {
    public CsrfRejected() {
        super("csrf", null, false, false);
    }
}
