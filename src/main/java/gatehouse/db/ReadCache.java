package gatehouse.db;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Function;

/**
 * Database reads kept until this instance next writes anything, and for at most {@link #FRESH_FOR} (the bound
 * for other instances' writes, as for the session check). Made for pages that are read far more often than
 * anything is written, such as the member list; bounded in size.
 */
public final class ReadCache<K, V> {
    public static final Duration FRESH_FOR = Duration.ofSeconds(2);

    private record Versioned<K>(long writes, K key) {}

    private final WriteCounter writes;
    private final Cache<Versioned<K>, V> cache;

    public ReadCache(WriteCounter writes, int maximumSize) {
        this.writes = writes;
        this.cache = Caffeine.newBuilder().expireAfterWrite(FRESH_FOR).maximumSize(maximumSize).build();
    }

    /** What {@code read} answers for {@code key}, read again after any write made here since. */
    public V get(K key, Function<K, V> read) {
        return cache.get(new Versioned<>(writes.count(), key), versioned -> read.apply(versioned.key()));
    }
}
