package gatehouse.admin;

import gatehouse.web.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * The user-management page: one page of members, where the list is, a notice after an action, and which
 * of the members shown have a second factor.
 */
public record MemberListPage(MemberSearchResult result, MemberQuery query, Instant now, UUID self, String notice,
                        Set<UUID> withSecondFactor) implements Page {
    @Override
    public String template() {
        return "admin/users.jte";
    }

    public boolean hasSecondFactor(MemberListEntry row) {
        return withSecondFactor.contains(row.id());
    }

    public boolean isSelf(MemberListEntry row) {
        return row.id().equals(self);
    }

    public boolean isLocked(MemberListEntry row) {
        return row.isLocked(now);
    }

    /** The day of {@code instant} in UTC, as the list shows when someone joined (the time is in its tooltip). */
    public LocalDate dayOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Number of the first member on this page, counting from 1 (0 when there is none). */
    public long first() {
        return result.items().isEmpty() ? 0 : (long) (result.page() - 1) * result.pageSize() + 1;
    }

    public long last() {
        return first() == 0 ? 0 : first() + result.items().size() - 1;
    }
}
