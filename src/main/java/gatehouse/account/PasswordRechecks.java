package gatehouse.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditLog;
import gatehouse.domain.TooManyAttempts;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A logged-in member's password checked again (password change, account deletion, second-factor changes).
 * Limited per member, not only per address: {@code auth.password-recheck-burst} at once, then one a minute; beyond that, and
 * while the account's login throttle waits, the answer is 429 without any bcrypt, so that one session
 * cannot turn the re-checks into a password oracle or take every core. Every failure is audited.
 */
final class PasswordRechecks {
    private static final Duration REFILL = Duration.ofMinutes(1);

    private final UserDao users;
    private final LoginAttempts attempts;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final int burst;
    private final TimeMeter time;
    private final Cache<UUID, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    /** Members whose throttling was audited in the last minute: one record per minute, not one per request. */
    private final Cache<UUID, Boolean> announced = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    PasswordRechecks(UserDao users, LoginAttempts attempts, Passwords passwords, AuditLog audit, Clock clock, int burst) {
        this.burst = burst;
        this.users = users;
        this.attempts = attempts;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** True when {@code password} is the member's; throws {@link TooManyAttempts} when throttled. */
    boolean confirm(UUID userId, String password, String ip) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        ConsumptionProbe probe = buckets.get(userId, unused -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw throttled(userId, ip, probe.getNanosToWaitForRefill() / 1_000_000_000L + 1);
        }
        Optional<LoginAttempts.Attempt> attempt = attempts.admit(userId, null);
        if (attempt.isEmpty()) {
            Instant opens = attempts.accountOpensAt(userId);
            throw throttled(userId, ip, Duration.between(clock.instant(), opens).toSeconds() + 1);
        }
        if (!passwords.matches(password, attempt.get().credentials().passwordHash())) {
            int failures = attempt.get().failures();
            audit.record(AuditEvent.PASSWORD_RECHECK_FAILURE, userId, userId, ip, "wrong password (" + failures + " in a row)");
            if (attempt.get().lockedUntil() != null) {
                audit.record(AuditEvent.ACCOUNT_LOCKED, userId, userId, ip,
                        "locked for " + LoginThrottle.waitAfter(failures).toSeconds() + " s after a wrong re-check");
            }
            return false;
        }
        users.clearFailures(userId);
        return true;
    }

    private TooManyAttempts throttled(UUID userId, String ip, long retryAfterSeconds) {
        if (announced.asMap().putIfAbsent(userId, Boolean.TRUE) == null) {
            audit.record(AuditEvent.PASSWORD_RECHECK_FAILURE, userId, userId, ip, "throttled: answered 429 without checking");
        }
        return new TooManyAttempts(retryAfterSeconds);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(1, REFILL))
                .withCustomTimePrecision(time)
                .build();
    }
}
