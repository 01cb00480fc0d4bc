package gatehouse.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts an embedded H2 file while it is in use. {@code WRITE_DELAY=0} (each commit written before it is
 * acknowledged) also switches off H2's background writer, and that writer is where H2 compacts its file: without
 * it every write transaction left a chunk of ~15 KB behind that a few still-live pages kept from being reused, so
 * the file grew by that much per refresh for good (2.9 GB after 180,000 refreshes; shutting down gave none of it
 * back). This does that writer's housekeeping on a timer of its own: the live pages of the sparsest chunks are
 * written again, so that the rest of each chunk can be reused once H2's retention time has passed, and chunks
 * are moved into free space near the start, so that the file can shrink. Under a steady load the file still
 * grows, at a fraction of the rate, and is given back when the load pauses (README, "Where data and keys live").
 *
 * <p>H2 offers no setting for this, so the store is reached through H2's engine classes; only the process that
 * holds the file open has it (another reaches it over TCP in mixed mode, and does nothing here).
 */
final class H2FileCompaction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(H2FileCompaction.class);
    /** As often as H2's own writer looks at its file with its default write delay (every 166 ms). */
    private static final Duration PERIOD = Duration.ofMillis(200);
    /** Not while the server starts: it has the cores to itself then. */
    private static final Duration FIRST_AFTER = Duration.ofSeconds(2);
    /** H2's thresholds while the store is in use: chunks rewritten below 80% live, chunks moved below 90% full. */
    private static final int REWRITE_BELOW_FILL_RATE = 80;
    private static final int MOVE_BELOW_FILL_RATE = 90;

    private final MVStore store;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "h2-compaction");
        thread.setDaemon(true);
        return thread;
    });
    private boolean failureLogged;

    private H2FileCompaction(MVStore store) {
        this.store = store;
        timer.scheduleWithFixedDelay(this::compact, FIRST_AFTER.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Started when this process holds the file open; null when it reaches the file over TCP. */
    static H2FileCompaction startIfHolder(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                    ? new H2FileCompaction(session.getDatabase().getStore().getMvStore())
                    : null;
        }
    }

    private void compact() {
        if (store.isClosed()) {
            // The JVM is stopping, and H2's own shutdown hook closed the database before the pool was closed.
            timer.shutdown();
            return;
        }
        try {
            // The same amounts as H2's writer under load: a quarter of its unsaved-changes buffer rewritten, twice
            // the buffer moved, so that one step holds the store's lock for a few milliseconds at most.
            int buffer = store.getAutoCommitMemory();
            if (store.compact(REWRITE_BELOW_FILL_RATE, buffer / 4)) {
                store.commit();
            }
            if (store.getFileStore() instanceof RandomAccessStore file) {
                file.compactMoveChunks(MOVE_BELOW_FILL_RATE, 2L * buffer, store);
            }
        } catch (RuntimeException e) {
            // Worth one line, not one every tick; none when the store was closed during the step (as above).
            if (!failureLogged && !store.isClosed()) {
                failureLogged = true;
                LOG.warn("compacting the H2 file failed (later failures are not logged): {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        // No interrupt: a step under way finishes (an interrupt inside H2's file operations would close its file).
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
