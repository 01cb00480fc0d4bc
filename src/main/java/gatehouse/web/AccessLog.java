package gatehouse.web;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one line per request, handed to a background thread that writes it, so that request
 * threads never wait for the log's lock or its date formatting. Bounded: if the writer falls behind by
 * {@code capacity} lines, further lines are dropped and counted, and the count is written when it catches up.
 */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("gatehouse.access");
    static final int CAPACITY = 10_000;

    private final BlockingQueue<String> lines;
    private final AtomicLong dropped = new AtomicLong();
    private final Consumer<String> sink;

    public AccessLog() {
        this(LOG::info, CAPACITY);
    }

    AccessLog(Consumer<String> sink, int capacity) {
        this.sink = sink;
        this.lines = new ArrayBlockingQueue<>(capacity);
        Thread writer = new Thread(this::write, "access-log");
        writer.setDaemon(true);
        writer.start();
    }

    public void request(String requestId, String method, String path, int status, long millis, String ip) {
        if (!lines.offer(requestId + " " + method + " " + path + " " + status + " " + millis + "ms " + ip)) {
            dropped.incrementAndGet();
        }
    }

    private void write() {
        while (true) {
            String line;
            try {
                line = lines.take();
            } catch (InterruptedException e) {
                return;
            }
            sink.accept(line);
            long lost = lines.isEmpty() ? dropped.getAndSet(0) : 0;
            if (lost > 0) {
                sink.accept(lost + " access log lines dropped: the log could not keep up");
            }
        }
    }
}
