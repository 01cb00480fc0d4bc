package gatehouse.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** The number of active sessions, counted at most every 30 s however often the metrics are scraped. */
final class ActiveSessions {
    private static final Duration FRESH = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final Clock clock;
    private Instant countedAt;
    private long count;

    ActiveSessions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    synchronized double count() {
        Instant now = clock.instant();
        if (countedAt == null || !now.isBefore(countedAt.plus(FRESH))) {
            count = jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > :now")
                    .bind("now", now).mapTo(Long.class).one());
            countedAt = now;
        }
        return count;
    }
}
