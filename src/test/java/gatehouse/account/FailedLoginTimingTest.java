package gatehouse.account;

import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.domain.Role;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A wrong password costs what an unknown name costs, also for a member whose hash predates a cost rise. */
class FailedLoginTimingTest {

    @Test
    void after_a_cost_rise_a_member_not_yet_rehashed_cannot_be_told_from_an_unknown_name() {
        try (TestApp before = TestApp.h2()) {
            User henry = before.createMember("henry", Role.MEMBER);
            // The same database, now at cost 10: henry's hash is still at cost 4 until he logs in.
            try (TestApp after = TestApp.builder().sharing(before).set("auth.bcrypt-cost", "10").start()) {
                TestClient client = after.client();
                client.get("/login");
                // Unmeasured rounds first: the padding waits out the median of the recent unknown-name checks, and
                // a new server's first checks run before bcrypt is compiled. On a busy machine those cold checks
                // kept the median high for the whole measurement (wrong 384 ms against unknown 183 ms).
                for (int i = 0; i < 8; i++) {
                    client.postForm("/login", Map.of("username", "nobody-here", "password", "wrong-guess-abc"));
                    after.users().clearFailures(henry.id());
                    client.postForm("/login", Map.of("username", "henry", "password", "wrong-guess-abc"));
                }
                long[] wrong = new long[7];
                long[] unknown = new long[7];
                for (int i = 0; i < wrong.length; i++) {
                    unknown[i] = timed(() -> client.postForm("/login", Map.of("username", "nobody-here", "password", "wrong-guess-abc")));
                    after.users().clearFailures(henry.id());
                    wrong[i] = timed(() -> client.postForm("/login", Map.of("username", "henry", "password", "wrong-guess-abc")));
                }
                Arrays.sort(wrong);
                Arrays.sort(unknown);
                long wrongMedian = wrong[wrong.length / 2];
                long unknownMedian = unknown[unknown.length / 2];
                assertTrue(wrongMedian * 2 > unknownMedian, "wrong " + wrongMedian + " ms vs unknown " + unknownMedian + " ms");
                assertTrue(unknownMedian * 2 > wrongMedian, "wrong " + wrongMedian + " ms vs unknown " + unknownMedian + " ms");
            }
        }
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
