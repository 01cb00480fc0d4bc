package gatehouse.admin;

import java.util.List;

/** One page of a member search. {@code page} counts from 1. */
public record MemberSearchResult(List<MemberListEntry> items, long total, int page, int pageSize, String query, MemberSort sort) {

    public int pageCount() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }
}
