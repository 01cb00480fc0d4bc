package gatehouse.admin;

import gatehouse.audit.AuditEntry;
import gatehouse.audit.AuditEvent;
import gatehouse.web.Page;
import gatehouse.web.Paths;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;

/** One page of the audit log, newest first, with its filters (member text as entered, and type). */
public record AuditPage(List<AuditEntry> entries, long total, int page, int pageCount, String member, AuditEvent type)
        implements Page {
    @Override
    public String template() {
        return "admin/audit.jte";
    }

    public List<AuditEvent> types() {
        return List.of(AuditEvent.values());
    }

    /** This filter at another page. */
    public String href(int otherPage) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        if (!member.isEmpty()) {
            query.add("member=" + URLEncoder.encode(member, StandardCharsets.UTF_8));
        }
        if (type != null) {
            query.add("type=" + type.name());
        }
        if (otherPage > 1) {
            query.add("page=" + otherPage);
        }
        return Paths.ADMIN_AUDIT + query;
    }

    /** The log filtered to one member's events. */
    public static String memberHref(String usernameOrId) {
        return Paths.ADMIN_AUDIT + "?member=" + URLEncoder.encode(usernameOrId, StandardCharsets.UTF_8);
    }
}
