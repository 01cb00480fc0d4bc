package gatehouse.account;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import gatehouse.session.SessionValidityCache;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Members as pages and the API read them, kept as briefly as the session check keeps a session's state:
 * a change made on another instance shows within {@link #FRESH_FOR}, one made on this instance at once,
 * because every write that changes a member forgets them here, next to the write. Bounded in size.
 * <p>
 * A member read again after three quarters of that time is read anew in the background while the cached value (still
 * within the bound) answers: otherwise every request of a busy member waited, each time the entry expired,
 * for the one request reading it again. Caffeine drops a background read whose entry was forgotten meanwhile.
 */
public final class MemberCache {
    public static final Duration FRESH_FOR = SessionValidityCache.CACHE_FOR;

    private final LoadingCache<UUID, Optional<MemberAccount>> members;

    MemberCache(Function<UUID, Optional<MemberAccount>> read) {
        members = Caffeine.newBuilder().expireAfterWrite(FRESH_FOR).refreshAfterWrite(FRESH_FOR.multipliedBy(3).dividedBy(4))
                .maximumSize(10_000).build(read::apply);
    }

    /** A cache over {@code users}. */
    public static MemberCache over(UserDao users) {
        return new MemberCache(users::member);
    }

    Optional<MemberAccount> get(UUID userId) {
        return members.get(userId);
    }

    public void forget(UUID userId) {
        members.invalidate(userId);
    }
}
