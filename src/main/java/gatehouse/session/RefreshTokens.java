package gatehouse.session;

import gatehouse.token.Amr;
import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditLog;
import gatehouse.config.Config;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens: opaque 256-bit values, stored only as SHA-256 hashes, rotated on every use. Within the
 * grace period only the immediate predecessor may be presented again; any other reuse of a rotated token
 * revokes its whole family.
 */
public final class RefreshTokens {

    /** A new session and its first refresh token (the only time the raw value exists on the server). */
    public record Issued(UUID sessionId, String token, Instant expiresAt, List<String> amr) {}

    /** The outcome of presenting a refresh token. */
    public sealed interface Rotation {
        /** The token was current: here is its successor. */
        record Rotated(LoginSession session, String token) implements Rotation {}

        /** The token was the immediate predecessor, within the grace period: the session goes on, no new token. */
        record Grace(LoginSession session) implements Rotation {}

        /** Unknown, expired, revoked or reused: the caller is not authenticated. */
        record Rejected(String reason) implements Rotation {}
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * How long an ended session's row and token hashes are kept. Every token of an ended session is refused
     * whether its hashes are there or not, so they are dropped at the member's next login; without that a
     * session left one row per refresh behind for good.
     */
    static final Duration ENDED_SESSIONS_KEPT = Duration.ofDays(1);

    private final SessionDao sessions;
    private final SessionRows rows;
    private final SessionValidityCache status;
    private final SessionListCache sessionLists;
    private final AuditLog audit;
    private final Config.Auth auth;
    private final Clock clock;

    public RefreshTokens(SessionDao sessions, SessionRows rows, SessionValidityCache status, SessionListCache sessionLists,
                         AuditLog audit, Config.Auth auth, Clock clock) {
        this.sessions = sessions;
        this.rows = rows;
        this.status = status;
        this.sessionLists = sessionLists;
        this.audit = audit;
        this.auth = auth;
        this.clock = clock;
    }

    /** @param amr how the member proved who they are ({@link Amr}); every token of the session says it */
    public Issued start(UUID userId, String userAgent, String ip, List<String> amr) {
        Instant now = clock.instant();
        String token = newToken();
        var session = new LoginSession(UUID.randomUUID(), userId, hash(token), null, null,
                truncate(userAgent, 255), truncate(ip, 45), now, now, now.plus(auth.refreshTokenTtl()), null,
                Amr.stored(amr));
        sessions.create(session);
        sessions.deleteEndedOf(userId, now.minus(ENDED_SESSIONS_KEPT));
        sessionLists.forget(userId);
        return new Issued(session.id(), token, session.expiresAt(), amr);
    }

    /** The member proved a second factor within this session (by enrolling one): later tokens say so. */
    public void raiseAmr(UUID sessionId, List<String> amr) {
        sessions.setAmr(sessionId, Amr.stored(amr));
        sessionLists.forgetAll();
    }

    public Rotation rotate(String presented, String ip) {
        if (presented == null || presented.isBlank() || presented.length() > 100) {
            return new Rotation.Rejected("malformed");
        }
        String hash = hash(presented);
        Optional<LoginSession> found = rows.findByTokenHash(hash);
        if (found.isEmpty()) {
            return new Rotation.Rejected("unknown");
        }
        LoginSession session = found.get();
        Instant now = clock.instant();
        if (!session.isActive(now)) {
            return new Rotation.Rejected("session ended");
        }
        // Unused for longer than auth.session-idle-timeout: ended, whatever its absolute life still allows.
        if (session.lastUsedAt().plus(auth.sessionIdleTimeout()).isBefore(now)) {
            sessions.revoke(session.id(), now);
            status.forget(session.id());
            sessionLists.forget(session.userId());
            return new Rotation.Rejected("idle");
        }
        if (hash.equals(session.currentHash())) {
            String successor = newToken();
            if (rows.rotate(session.id(), hash, hash(successor), now)) {
                sessionLists.forget(session.userId());
                audit.tokenRefreshed();
                return new Rotation.Rotated(session, successor);
            }
            // A parallel request rotated it first: judge the token as the predecessor it now is.
            session = sessions.find(session.id()).orElse(session);
        }
        if (hash.equals(session.previousHash()) && session.isActive(now)
                && !now.isAfter(session.rotatedAt().plus(auth.refreshReuseGrace()))) {
            return new Rotation.Grace(session);
        }
        reused(session, now, ip, "");
        return new Rotation.Rejected("reuse");
    }

    /**
     * For a logout by refresh token: true when {@code presented} is a rotated token of {@code session}
     * other than the immediate predecessor within the grace period. That is the same reuse as at refresh
     * (a copy in someone else's hands): the whole family is revoked and the reuse audited.
     */
    public boolean reusedAtLogout(LoginSession session, String presented, String ip) {
        String hash = hash(presented);
        Instant now = clock.instant();
        boolean predecessorInGrace = hash.equals(session.previousHash()) && session.rotatedAt() != null
                && !now.isAfter(session.rotatedAt().plus(auth.refreshReuseGrace()));
        if (hash.equals(session.currentHash()) || predecessorInGrace) {
            return false;
        }
        reused(session, now, ip, " at logout");
        return true;
    }

    private void reused(LoginSession session, Instant now, String ip, String where) {
        if (session.isActive(now)) {
            sessions.revoke(session.id(), now);
            status.forget(session.id());
            sessionLists.forget(session.userId());
            audit.record(AuditEvent.REFRESH_REUSE, null, session.userId(), ip, "session " + session.id() + " revoked" + where);
        }
    }

    /** Ends one session, whoever's it is (an OpenID Connect grant's). */
    public void revoke(UUID sessionId) {
        sessions.revoke(sessionId, clock.instant());
        status.forget(sessionId);
        sessionLists.forgetAll();
    }

    /** Ends one of {@code userId}'s active sessions; false when there is no such session of theirs. */
    public boolean revokeOwn(UUID userId, UUID sessionId) {
        boolean ended = sessions.revokeOwned(sessionId, userId, clock.instant()) == 1;
        status.forget(sessionId);
        sessionLists.forget(userId);
        return ended;
    }

    /** Ends every session of {@code userId} but {@code keep} (null ends them all). */
    public int revokeAllOf(UUID userId, UUID keep) {
        Instant now = clock.instant();
        int ended = keep == null ? sessions.revokeAllOf(userId, now) : sessions.revokeAllOfExcept(userId, keep, now);
        status.forgetAll();
        sessionLists.forget(userId);
        return ended;
    }

    /** After a change to users or to many sessions (deletion, role, a client's tokens) made here: take effect here at once. */
    public void forgetAllCachedStates() {
        status.forgetAll();
        sessionLists.forgetAll();
    }

    public Optional<LoginSession> sessionOf(String presented) {
        return presented == null ? Optional.empty() : rows.findByTokenHash(hash(presented));
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
