package gatehouse.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gatehouse.testing.TestDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** What moves the count that {@link ReadCache} keys its entries by: a write, once it has committed. */
class WriteCounterTest {

    @Test
    void a_read_leaves_the_count_and_a_write_moves_it_once_its_handle_is_closed() {
        try (TestDatabase db = TestDatabase.h2()) {
            Jdbi jdbi = db.database().jdbi();
            WriteCounter writes = db.database().writes();
            long before = writes.count();

            jdbi.useHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM users").mapTo(long.class).one());
            assertEquals(before, writes.count(), "a SELECT");

            jdbi.useHandle(handle -> handle.execute("UPDATE users SET updated_at = updated_at"));
            assertEquals(before + 1, writes.count(), "an UPDATE");
        }
    }

    @Test
    void a_write_in_a_transaction_counts_only_after_the_commit() {
        try (TestDatabase db = TestDatabase.h2()) {
            WriteCounter writes = db.database().writes();
            long before = writes.count();
            AtomicInteger duringTransaction = new AtomicInteger();

            db.database().jdbi().useTransaction(handle -> {
                handle.execute("DELETE FROM users WHERE username = 'nobody'");
                duringTransaction.set((int) (writes.count() - before));
            });

            assertEquals(0, duringTransaction.get(), "not counted before the commit: a read then still sees the old rows");
            assertEquals(before + 1, writes.count());
        }
    }

    @Test
    void a_read_is_cached_until_the_next_write() {
        try (TestDatabase db = TestDatabase.h2()) {
            ReadCache<String, Long> cache = new ReadCache<>(db.database().writes(), 10);
            AtomicInteger reads = new AtomicInteger();
            Jdbi jdbi = db.database().jdbi();
            Function<String, Long> count = table -> {
                reads.incrementAndGet();
                return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(long.class).one());
            };

            cache.get("users", count);
            cache.get("users", count);
            assertEquals(1, reads.get(), "the second call is answered from the cache");

            jdbi.useHandle(handle -> handle.execute("UPDATE users SET updated_at = updated_at"));
            cache.get("users", count);
            assertEquals(2, reads.get(), "read again after a write");
        }
    }
}
