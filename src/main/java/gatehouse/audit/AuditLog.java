package gatehouse.audit;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records security events in the database and in the log. */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final AuditDao dao;
    private final Clock clock;
    private final List<AuditListener> listeners;

    public AuditLog(AuditDao dao, Clock clock) {
        this(dao, clock, List.of());
    }

    public AuditLog(AuditDao dao, Clock clock, List<AuditListener> listeners) {
        this.dao = dao;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /** A refresh-token rotation: not written to the table (there is one per access-token life), only counted. */
    public void tokenRefreshed() {
        listeners.forEach(AuditListener::tokenRefreshed);
    }

    /**
     * @param actor who acted (null when anonymous or the system)
     * @param subject whom it concerns (null when no member is known)
     */
    public void record(AuditEvent type, UUID actor, UUID subject, String ip, String detail) {
        String shortDetail = shorten(detail);
        ip = address(ip);
        dao.insert(clock.instant(), type, actor, subject, ip, shortDetail);
        listeners.forEach(listener -> listener.recorded(type));
        LOG.info("audit {} actor={} subject={} ip={} {}", type, actor, subject, ip, shortDetail == null ? "" : shortDetail);
    }

    /** As {@link #record}, naming the subject explicitly: for events about a member whose rows are gone. */
    public void recordAbout(AuditEvent type, UUID actor, UUID subject, String subjectUsername, String ip, String detail) {
        String shortDetail = shorten(detail);
        ip = address(ip);
        dao.insertNamed(clock.instant(), type, actor, subject, subjectUsername, ip, shortDetail);
        listeners.forEach(listener -> listener.recorded(type));
        LOG.info("audit {} actor={} subject={} ({}) ip={} {}", type, actor, subject, subjectUsername, ip,
                shortDetail == null ? "" : shortDetail);
    }

    /** The ip column is 45 wide (the longest IPv6 text); a longer value is no address anyway. */
    private static String address(String ip) {
        return ip == null || ip.length() <= 45 ? ip : ip.substring(0, 45);
    }

    private static String shorten(String detail) {
        return detail == null || detail.length() <= 255 ? detail : detail.substring(0, 255);
    }
}
