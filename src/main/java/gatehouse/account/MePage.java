package gatehouse.account;

import gatehouse.session.Session;
import gatehouse.token.AccessToken;
import java.time.Instant;
import java.util.List;

/** The member page: profile, token lifetimes, the decoded token, and the active sessions. */
public record MePage(Member member, AccessToken token, Instant refreshExpiresAt, Instant now,
                     List<Session> sessions, String headerJson, String claimsJson, boolean secondFactorOn) {

    public boolean isCurrent(Session session) {
        return session.id().equals(token.sessionId());
    }
}
