package gatehouse.api;

import gatehouse.admin.MemberPage;
import java.util.List;

/** One page of the member search as JSON; {@code page} counts from 1. */
public record UserPageView(List<UserView> items, long total, int page, int pageSize) {

    public static UserPageView of(MemberPage page) {
        return new UserPageView(page.items().stream().map(UserView::of).toList(), page.total(), page.page(),
                page.pageSize());
    }
}
