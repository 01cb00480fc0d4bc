package gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gatehouse.domain.Role;
import gatehouse.testing.BulkMembers;
import gatehouse.testing.TestApp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole list's pages (a deferred join on the sort index) hold exactly what the plain query gives. */
class MemberListPagingTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void every_order_pages_through_the_same_members_as_the_plain_query(String database) {
        try (TestApp app = TestApp.builder().database(database).start()) {
            Instant now = app.clock().instant().truncatedTo(ChronoUnit.SECONDS);
            String hash = app.services().passwords().hash(TestApp.PASSWORD);
            BulkMembers.insert(app.jdbi(), "a", 300, Role.MEMBER, hash, now);
            // A second batch that joined earlier.
            BulkMembers.insert(app.jdbi(), "b", 60, Role.MEMBER, hash, now.minusSeconds(1000));
            AdminDao dao = app.services().adminDao();

            assertEquals(360, dao.countAll());
            assertEquals(dao.count(null), dao.countAll());
            for (MemberSort sort : MemberSort.values()) {
                for (int page = 1; page <= 15; page++) {
                    int offset = (page - 1) * MemberAdministration.PAGE_SIZE;
                    assertEquals(dao.search(null, sort.orderBy(), MemberAdministration.PAGE_SIZE, offset, now),
                            dao.pageOfAll(sort.orderBy(), MemberAdministration.PAGE_SIZE, offset, now), sort + " page " + page);
                }
            }
            assertEquals("a299", app.services().members().search("", MemberSort.JOINED, 1).items().get(0).username());
        }
    }
}
