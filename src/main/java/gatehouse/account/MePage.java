package gatehouse.account;

import gatehouse.session.DeviceName;
import gatehouse.session.LoginSession;
import gatehouse.token.AccessToken;
import gatehouse.web.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The member page: profile, token lifetimes, the decoded token, and the active sessions. */
public record MePage(MemberAccount member, AccessToken token, Instant refreshExpiresAt, Instant now,
                     List<LoginSession> sessions, String headerJson, String claimsJson, boolean secondFactorOn,
                     Map<UUID, DeviceName> devices) implements Page {
    @Override
    public String template() {
        return "me.jte";
    }

    public boolean isCurrent(LoginSession session) {
        return session.id().equals(token.sessionId());
    }

    /** The device a session was opened on, parsed from its user agent. */
    public DeviceName device(LoginSession session) {
        return devices.getOrDefault(session.id(), DeviceName.UNKNOWN);
    }
}
