package gatehouse.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member's active sessions, as the member page and {@code /api/v1/me/sessions} list them, read at most once per
 * {@link SessionValidityCache#CACHE_FOR} per member: the same freshness bound as the session check, and at once
 * after a change made on this instance ({@link RefreshTokens} forgets the member at every session it starts,
 * rotates or ends). Profiled, the read was a sixth of the member page's cost on every view.
 */
public final class SessionListCache {
    private final SessionRows rows;
    private final Cache<UUID, List<LoginSession>> cache = Caffeine.newBuilder()
            .expireAfterWrite(SessionValidityCache.CACHE_FOR).maximumSize(10_000).build();

    public SessionListCache(SessionRows rows) {
        this.rows = rows;
    }

    /** {@code userId}'s active sessions, most recently used first; one that has expired since the read is left out. */
    public List<LoginSession> activeOf(UUID userId, Instant now) {
        List<LoginSession> read = cache.get(userId, id -> rows.activeOf(id, now));
        return read.stream().filter(session -> session.expiresAt().isAfter(now)).toList();
    }

    void forget(UUID userId) {
        cache.invalidate(userId);
    }

    void forgetAll() {
        cache.invalidateAll();
    }
}
