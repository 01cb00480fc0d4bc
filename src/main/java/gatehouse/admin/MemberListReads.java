package gatehouse.admin;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The member list's reads for one page view (the count, the page, which of its members have a second factor)
 * through the fluent API with {@link AdminDao}'s statements. Through the on-demand DAO each call attached all of its methods and the
 * constructor mapper matched columns anew for every result set, together several times the cost of the
 * queries themselves.
 */
final class MemberListReads {
    private static final MemberListEntryMapper ROWS = new MemberListEntryMapper();

    private MemberListReads() {}

    /** Members matching {@code pattern} (a LIKE pattern, or null for all). */
    static long count(Handle handle, String pattern) {
        if (pattern == null) {
            return handle.createQuery(AdminDao.COUNT_ALL).mapTo(long.class).one();
        }
        return handle.createQuery(AdminDao.COUNT).bind("pattern", pattern).mapTo(long.class).one();
    }

    static List<MemberListEntry> page(Handle handle, String pattern, MemberSort sort, int limit, int offset, Instant now) {
        var query = handle.createQuery(pattern == null ? AdminDao.PAGE_OF_ALL : AdminDao.PAGE)
                .define("orderBy", sort.orderBy())
                .bind("limit", limit)
                .bind("offset", offset)
                .bind("now", now);
        if (pattern != null) {
            query.bind("pattern", pattern);
        }
        return query.map(ROWS).list();
    }

    /** Which of {@code ids} have a second factor (the list marks them and offers its reset). */
    static Set<UUID> withSecondFactor(Handle handle, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(handle.createQuery(AdminDao.WITH_SECOND_FACTOR).bindList("ids", ids).mapTo(UUID.class).list());
    }
}
