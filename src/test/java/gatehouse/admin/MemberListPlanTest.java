package gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import gatehouse.testing.TestDatabase;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * The member list stays cheap with 100,000 members on MariaDB: the default order walks an index and stops
 * after one page, and the total is counted from one index. Checked on the real statements with EXPLAIN.
 */
class MemberListPlanTest {

    private static List<Map<String, Object>> explain(Handle h, String sql) {
        return h.createQuery("EXPLAIN " + sql)
                .bindNull("pattern", Types.VARCHAR)
                .bind("limit", MemberAdministration.PAGE_SIZE)
                .bind("offset", 0)
                .bind("now", Instant.now())
                .mapToMap()
                .list();
    }

    private static Map<String, Object> row(List<Map<String, Object>> plan, String table) {
        return plan.stream().filter(r -> table.equals(r.get("table"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + table + " in " + plan));
    }

    @Test
    void the_default_order_and_the_count_use_indexes_with_100000_members_on_mariadb() {
        try (TestDatabase db = TestDatabase.mariaDb()) {
            db.database().jdbi().useHandle(h -> {
                // MariaDB's sequence engine makes 100,000 members in a few seconds, without bcrypt.
                h.execute("""
                        INSERT INTO users (id, username, role, created_at, updated_at, last_login_at)
                        SELECT UUID(), CONCAT('user', LPAD(seq, 6, '0')), 'MEMBER', NOW(6) - INTERVAL seq MINUTE,
                               NOW(6) - INTERVAL seq MINUTE, IF(seq % 3 = 0, NOW(6) - INTERVAL seq SECOND, NULL)
                          FROM seq_1_to_100000""");
                h.execute("""
                        INSERT INTO profiles (user_id, name, nickname, gender, privacy_consent)
                        SELECT id, CONCAT('Name ', username), CONCAT('nick ', username), 'UNDISCLOSED', TRUE FROM users""");
                h.execute("INSERT INTO credentials (user_id, password_hash, password_changed_at, failed_logins) "
                        + "SELECT id, 'x', NOW(6), 0 FROM users");
                h.execute("ANALYZE TABLE users, profiles, credentials, sessions");

                Map<String, Object> joined = row(explain(h, AdminDao.PAGE.replace("<orderBy>", MemberSort.JOINED.orderBy())), "u");
                assertEquals("users_created_at", joined.get("key"), "newest first reads the joined index: " + joined);
                assertFalse(String.valueOf(joined.get("Extra")).contains("filesort"), "and sorts nothing: " + joined);

                Map<String, Object> byName = row(explain(h, AdminDao.PAGE.replace("<orderBy>", MemberSort.USERNAME.orderBy())), "u");
                assertEquals("users_username", byName.get("key"), byName.toString());
                assertFalse(String.valueOf(byName.get("Extra")).contains("filesort"), byName.toString());

                List<Map<String, Object>> count = explain(h, AdminDao.COUNT);
                assertEquals(1, count.size(), "without a search the count reads users alone: " + count);
                assertEquals("index", row(count, "u").get("type"), count.toString());
            });
        }
    }
}
