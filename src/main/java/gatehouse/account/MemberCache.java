package gatehouse.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gatehouse.session.SessionStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Members as pages and the API read them, kept as briefly as the session check keeps a session's state:
 * a change made on another instance shows within {@link #FRESH_FOR}, one made on this instance at once,
 * because every write that changes a member forgets them here, next to the write. Bounded in size.
 */
public final class MemberCache {
    public static final Duration FRESH_FOR = SessionStatus.CACHE_FOR;

    private final Cache<UUID, Optional<Member>> members =
            Caffeine.newBuilder().expireAfterWrite(FRESH_FOR).maximumSize(10_000).build();

    Optional<Member> get(UUID userId, Function<UUID, Optional<Member>> read) {
        return members.get(userId, read);
    }

    public void forget(UUID userId) {
        members.invalidate(userId);
    }
}
