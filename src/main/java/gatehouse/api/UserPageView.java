package gatehouse.api;

import gatehouse.admin.MemberSearchResult;
import gatehouse.admin.MemberListEntry;
import java.util.List;

/** One page of the member search as JSON; {@code page} counts from 1. */
public record UserPageView(List<MemberListEntry> items, long total, int page, int pageSize) {

    public static UserPageView of(MemberSearchResult page) {
        return new UserPageView(page.items(), page.total(), page.page(), page.pageSize());
    }
}
