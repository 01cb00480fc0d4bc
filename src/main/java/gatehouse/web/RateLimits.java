package gatehouse.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Per-client-IP token buckets for the endpoints that guess or create (login, sign-up, refresh): by default
 * a burst of 20 then 10 a minute, plenty for a person, little for a script. The pages and
 * the API of one action share one bucket, so a second front end does not double the budget. Buckets
 * live in a bounded cache: an idle bucket is refilled anyway, so forgetting it changes nothing.
 */
public final class RateLimits {
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final Map<String, String> actionByPath;
    private final int burst;
    private final int perMinute;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(IDLE)
            .build();

    /**
     * @param actionByPath each limited path (POST) and the action whose bucket it draws from, e.g.
     *                     {@code /login} and {@code /api/v1/auth/login} both to {@code login}
     * @param burst requests a client may make at once
     * @param perMinute requests a client regains each minute
     * @param clock time for refills, so tests can move it
     */
    public RateLimits(Map<String, String> actionByPath, int burst, int perMinute, Clock clock) {
        this.actionByPath = Map.copyOf(actionByPath);
        this.burst = burst;
        this.perMinute = perMinute;
        this.time = new ClockTime(clock);
    }

    /**
     * The before-matched handler: throws 429 with {@code Retry-After} when this client's bucket is empty.
     * It looks at the matched route's path, not the request's, which the router forgives (a trailing
     * slash reaches the same handler and must not reach a fresh bucket).
     */
    public void check(Context ctx) {
        if (ctx.method() != HandlerType.POST) {
            return;
        }
        var matched = ctx.endpoints().matchedHttpEndpoint();
        String action = matched == null ? null : actionByPath.get(matched.path);
        if (action == null) {
            return;
        }
        Bucket bucket = buckets.get(action + " " + key(ctx.ip()), unused -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new HttpResponseException(HttpStatus.TOO_MANY_REQUESTS, "too many requests",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    /**
     * The bucket key of an address: IPv6 clients usually hold a whole /64, so it counts as one client
     * (otherwise one machine could draw on 2^64 buckets).
     */
    static String key(String ip) {
        // Only a literal is read, and never looked up: ctx.ip() is one already (see ClientAddress).
        java.util.Optional<java.net.InetAddress> literal = gatehouse.net.IpAddresses.literal(ip);
        if (literal.isEmpty() || literal.get().getAddress().length != 16) {
            return ip;
        }
        byte[] address = literal.get().getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(String.format("%02x%02x:", address[i], address[i + 1]));
        }
        return prefix.append(":/64").toString();
    }

    /** Bucket4j's clock from the application's, so tests refill buckets by moving time. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
