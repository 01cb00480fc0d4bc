package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gatehouse.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The access log is written off the request threads, in order, bounded, and says when it dropped lines. */
class AccessLogTest {

    @Test
    void lines_are_written_in_order_by_the_background_writer() {
        List<String> written = new CopyOnWriteArrayList<>();
        var log = new AccessLog(written::add, 100);

        log.request("a1", "GET", "/me", 200, 3, "127.0.0.1");
        log.request("a2", "POST", "/login", 303, 250, "10.0.0.7");

        Eventually.within(Duration.ofSeconds(5), "two lines", () -> written.size() == 2);
        assertEquals(List.of("a1 GET /me 200 3ms 127.0.0.1", "a2 POST /login 303 250ms 10.0.0.7"), written);
    }

    @Test
    void a_writer_that_falls_behind_drops_lines_and_says_how_many() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        var stuck = new CountDownLatch(1);
        var entered = new CountDownLatch(1);
        var log = new AccessLog(line -> {
            entered.countDown();
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(line);
        }, 2);
        log.request("first", "GET", "/", 200, 1, "ip");
        assertEquals(true, entered.await(5, TimeUnit.SECONDS), "the writer holds the first line");

        for (int i = 0; i < 6; i++) {
            log.request("r" + i, "GET", "/", 200, 1, "ip");
        }
        stuck.countDown();

        Eventually.within(Duration.ofSeconds(5), "queued lines and the drop notice", () -> written.size() == 4);
        assertEquals("first GET / 200 1ms ip", written.get(0));
        assertEquals(List.of("r0 GET / 200 1ms ip", "r1 GET / 200 1ms ip"), written.subList(1, 3));
        assertEquals("4 access log lines dropped: the log could not keep up", written.get(3));
    }
}
