package gatehouse.api;

import gatehouse.admin.MemberPage;
import gatehouse.admin.MemberRow;
import java.util.List;

/** One page of the member search as JSON; {@code page} counts from 1. */
public record UserPageView(List<MemberRow> items, long total, int page, int pageSize) {

    public static UserPageView of(MemberPage page) {
        return new UserPageView(page.items(), page.total(), page.page(), page.pageSize());
    }
}
