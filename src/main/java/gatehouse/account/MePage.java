package gatehouse.account;

import gatehouse.session.DeviceName;
import gatehouse.session.Session;
import gatehouse.token.AccessToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The member page: profile, token lifetimes, the decoded token, and the active sessions. */
public record MePage(Member member, AccessToken token, Instant refreshExpiresAt, Instant now,
                     List<Session> sessions, String headerJson, String claimsJson, boolean secondFactorOn,
                     Map<UUID, DeviceName> devices) {

    public boolean isCurrent(Session session) {
        return session.id().equals(token.sessionId());
    }

    /** The device a session was opened on, parsed from its user agent. */
    public DeviceName device(Session session) {
        return devices.getOrDefault(session.id(), DeviceName.UNKNOWN);
    }
}
