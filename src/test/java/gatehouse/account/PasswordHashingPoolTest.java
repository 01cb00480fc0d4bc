package gatehouse.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.domain.Busy;
import gatehouse.domain.Role;
import gatehouse.testing.Eventually;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * bcrypt runs on a bounded pool: no more hashes at once than it has threads, so a login storm cannot take
 * every core; and a full queue answers 503 with Retry-After instead of growing without bound.
 */
class PasswordHashingPoolTest {

    /** Fills {@code passwords}' threads and queue with work that waits for {@code release}. */
    private static List<CompletableFuture<Integer>> fill(Passwords passwords, int threads, CountDownLatch release,
                                                         AtomicInteger running, AtomicInteger mostAtOnce,
                                                         ExecutorService callers) {
        // The start-up dummy hash must be done, or it takes a place in the queue (on a slow machine it still waits).
        passwords.matchNobody("not the password");
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        int total = threads + passwords.queueCapacity();
        for (int i = 0; i < total; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> passwords.onPool(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                release.await();
                running.decrementAndGet();
                return 1;
            }), callers));
        }
        Eventually.within(Duration.ofSeconds(10), "every call queued or running",
                () -> passwords.waiting() == passwords.queueCapacity() && running.get() == threads);
        return calls;
    }

    @Test
    void no_more_hashes_run_at_once_than_there_are_threads_and_a_full_queue_says_busy() {
        Passwords passwords = new Passwords(new byte[32], 4, 2);
        var release = new CountDownLatch(1);
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        ExecutorService callers = Executors.newCachedThreadPool();
        try {
            var calls = fill(passwords, 2, release, running, mostAtOnce, callers);

            assertThrows(Busy.class, () -> passwords.matches("whatever-password", "$2a$04$abcdefghijklmnopqrstuu"));

            release.countDown();
            assertEquals(calls.size(), calls.stream().mapToInt(CompletableFuture::join).sum(), "the queued ones all ran");
            assertEquals(2, mostAtOnce.get());
            assertTrue(passwords.matches("a password", passwords.hash("a password")), "and the pool goes on");
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void a_login_while_the_hashing_queue_is_full_gets_503_with_retry_after_on_pages_and_api() {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            Passwords passwords = app.services().passwords();
            var release = new CountDownLatch(1);
            ExecutorService callers = Executors.newCachedThreadPool();
            try {
                fill(passwords, Runtime.getRuntime().availableProcessors(), release, new AtomicInteger(),
                        new AtomicInteger(), callers);
                TestClient client = app.client();

                var api = client.json("POST", "/api/v1/auth/login",
                        "{\"username\":\"alice\",\"password\":\"" + TestApp.PASSWORD + "\"}");
                var page = client.postForm("/login", java.util.Map.of("username", "alice", "password", TestApp.PASSWORD,
                        "_csrf", client.csrfToken()));

                assertEquals(503, api.status(), api.body());
                assertEquals("application/problem+json", api.header("Content-Type").orElse("").split(";")[0]);
                assertEquals("2", api.header("Retry-After").orElse(null));
                assertEquals(503, page.status());
                assertEquals("2", page.header("Retry-After").orElse(null));
                assertTrue(page.body().contains("Busy right now"), page.body());
            } finally {
                release.countDown();
                callers.shutdownNow();
            }
            assertEquals(200, app.client().json("POST", "/api/v1/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + TestApp.PASSWORD + "\"}").status(), "served again after");
        }
    }
}
