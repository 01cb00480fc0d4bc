package gatehouse.admin;

import gatehouse.account.Profile;
import gatehouse.audit.AuditEntry;
import gatehouse.session.DeviceName;
import gatehouse.session.LoginSession;
import gatehouse.web.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One member as an administrator sees them: the whole profile, role and state, the active sessions with
 * their devices, the recent audit events, and the actions; {@code back} is the place in the list to return to.
 */
public record MemberDetailPage(MemberListEntry member, Profile profile, boolean secondFactorOn, List<LoginSession> sessions,
                               Map<UUID, DeviceName> devices, List<AuditEntry> events, MemberQuery back, Instant now,
                               boolean self, String notice) implements Page {
    @Override
    public String template() {
        return "admin/member.jte";
    }

    public boolean isLocked() {
        return member.isLocked(now);
    }

    public boolean hasFailures() {
        return isLocked() || member.failedLogins() > 0;
    }

    public DeviceName device(LoginSession session) {
        return devices.getOrDefault(session.id(), DeviceName.UNKNOWN);
    }

    /** The full audit log filtered to this member, for more than the recent events. */
    public String auditHref() {
        return AuditPage.memberHref(member.username());
    }
}
