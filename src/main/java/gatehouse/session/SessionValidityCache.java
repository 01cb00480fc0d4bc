package gatehouse.session;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import gatehouse.token.AccessToken;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes stateless access tokens revocable: a token is accepted only while its session is active, its
 * user exists and still has the token's role. The answer is cached for {@link #CACHE_FOR}, so a
 * revocation on any instance takes effect everywhere within that time while a busy session costs
 * one query every two seconds, not one per request.
 * <p>
 * A state read again after three quarters of that time is read anew in the background while the cached state
 * (still within the bound) answers: otherwise every request of a busy session waited, each time the entry
 * expired, for the one request reading it again. Caffeine drops a background read whose entry was forgotten
 * meanwhile, so {@link #forget} and {@link #forgetAll} still take effect at once.
 */
public final class SessionValidityCache {
    public static final Duration CACHE_FOR = Duration.ofSeconds(2);

    private final Clock clock;
    private final LoadingCache<UUID, Optional<SessionValidity>> cache;

    public SessionValidityCache(SessionDao sessions, Clock clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder().expireAfterWrite(CACHE_FOR).refreshAfterWrite(CACHE_FOR.multipliedBy(3).dividedBy(4))
                .maximumSize(100_000).build(sessions::state);
    }

    public boolean accepts(AccessToken token) {
        Optional<SessionValidity> state = state(token.sessionId());
        return state.filter(s -> s.revokedAt() == null
                        && s.expiresAt().isAfter(clock.instant())
                        && s.userId().equals(token.userId())
                        && s.role() == token.role())
                .isPresent();
    }

    /** The session's state as of at most {@link #CACHE_FOR} ago (at once after a change on this instance). */
    public Optional<SessionValidity> state(UUID sessionId) {
        return cache.get(sessionId);
    }

    /** Forgets a session's cached state, so a change made on this instance takes effect at once. */
    public void forget(UUID sessionId) {
        cache.invalidate(sessionId);
    }

    /** Forgets every cached state (after changes that touch many sessions, such as a role change). */
    public void forgetAll() {
        cache.invalidateAll();
    }
}
