package gatehouse.audit;

/**
 * Told of each security event as the audit log records it (the metrics count them). Called on the request's
 * thread after the event is stored: must be quick and must not throw.
 */
public interface AuditListener {
    void recorded(AuditEvent type);

    /** A refresh token was rotated: too frequent to record, only counted. */
    default void tokenRefreshed() {}
}
