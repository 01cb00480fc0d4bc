package gatehouse.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gatehouse.session.SessionValidityCache;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * MemberAdministration as pages and the API read them, kept as briefly as the session check keeps a session's state:
 * a change made on another instance shows within {@link #FRESH_FOR}, one made on this instance at once,
 * because every write that changes a member forgets them here, next to the write. Bounded in size.
 */
public final class MemberCache {
    public static final Duration FRESH_FOR = SessionValidityCache.CACHE_FOR;

    private final Cache<UUID, Optional<MemberAccount>> members =
            Caffeine.newBuilder().expireAfterWrite(FRESH_FOR).maximumSize(10_000).build();

    Optional<MemberAccount> get(UUID userId, Function<UUID, Optional<MemberAccount>> read) {
        return members.get(userId, read);
    }

    public void forget(UUID userId) {
        members.invalidate(userId);
    }
}
