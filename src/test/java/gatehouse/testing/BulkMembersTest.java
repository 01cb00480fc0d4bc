package gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.admin.MemberSort;
import gatehouse.domain.Role;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The benchmark's bulk path makes whole members: they can log in and are listed in join order. */
class BulkMembersTest {
    @Test
    void bulk_members_log_in_with_the_shared_password_and_are_listed_newest_first() {
        try (TestApp app = TestApp.h2()) {
            String hash = app.services().passwords().hash(TestApp.PASSWORD);
            BulkMembers.insert(app.jdbi(), "bulk", 1234, Role.MEMBER, hash, Instant.now());

            var page = app.services().members().search("", MemberSort.JOINED, 1);
            assertEquals(1234, page.total());
            assertEquals("bulk1233", page.items().get(0).username(), "joined last, listed first");
            assertTrue(app.services().logins().checkPassword("bulk617", TestApp.PASSWORD, "127.0.0.1").isPresent());
            assertEquals("Member 617", app.accounts().member(app.users().findByUsername("bulk617").orElseThrow().id())
                    .orElseThrow().profile().name());
        }
    }
}
