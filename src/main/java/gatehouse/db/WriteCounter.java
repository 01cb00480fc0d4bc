package gatehouse.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * Counts the handles that wrote through this instance's {@link org.jdbi.v3.core.Jdbi}, each once it is closed,
 * that is after its transaction committed: a read cached under the count taken before it was made can then
 * never answer after a write made here (see {@link ReadCache}). Any statement but a SELECT counts as a write.
 */
public final class WriteCounter implements StatementCustomizer, HandleListener {
    private final AtomicLong writes = new AtomicLong();
    /** The connections of open handles that have written; Hikari hands out a new proxy at every borrow. */
    private final Set<Connection> writing = ConcurrentHashMap.newKeySet();

    public long count() {
        return writes.get();
    }

    @Override
    public void afterExecution(PreparedStatement statement, StatementContext context) {
        if (!context.getRenderedSql().stripLeading().regionMatches(true, 0, "SELECT", 0, 6)) {
            writing.add(context.getConnection());
        }
    }

    @Override
    public void handleClosed(Handle handle) {
        if (writing.remove(handle.getConnection())) {
            writes.incrementAndGet();
        }
    }
}
