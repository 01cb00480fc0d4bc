package gatehouse.admin;

import gatehouse.web.Paths;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Where the admin is in the member list (search text, order, page), carried through the action forms so
 * that an action returns to the same place in the list.
 */
public record MemberQuery(String q, MemberSort sort, int page) {
    public MemberQuery {
        q = q == null ? "" : q.strip();
        sort = sort == null ? MemberSort.JOINED : sort;
        page = Math.max(1, page);
    }

    /** Reads the three values as a request gives them (missing or malformed ones fall back to the defaults). */
    public static MemberQuery of(String q, String sort, String page) {
        return new MemberQuery(q, MemberSort.parse(sort), parsePage(page));
    }

    /** The page a query parameter asks for, from 1; anything else (missing, zero, negative, garbage) is 1. */
    public static int parsePage(String value) {
        if (value == null || value.isBlank() || value.length() > 9) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The list at this place. */
    public String href() {
        return href(page, null, null);
    }

    /** The list at another page, same search and order. */
    public String href(int otherPage) {
        return href(otherPage, null, null);
    }

    /** The list from its first page in another order. */
    public String sortedBy(MemberSort other) {
        return new MemberQuery(q, other, 1).href();
    }

    /** The list at this place with a notice about {@code member}. */
    public String withNotice(String notice, UUID member) {
        return href(page, notice, member);
    }

    /** The confirmation page for deleting {@code member}, which returns here. */
    public String confirmDeleteHref(UUID member) {
        return Paths.adminDelete(member) + queryString(page, null, null);
    }

    /** The page of {@code member}, which links back here. */
    public String memberHref(UUID member) {
        return memberHref(member, null);
    }

    /** The page of {@code member} with a notice after an action taken there. */
    public String memberHref(UUID member, String notice) {
        return Paths.adminMember(member) + queryString(page, notice, null);
    }

    private String href(int atPage, String notice, UUID member) {
        return Paths.ADMIN_USERS + queryString(atPage, notice, member);
    }

    private String queryString(int atPage, String notice, UUID member) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        if (!q.isEmpty()) {
            query.add("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        query.add("sort=" + sort.parameter());
        if (atPage > 1) {
            query.add("page=" + atPage);
        }
        if (notice != null) {
            query.add("notice=" + notice);
        }
        if (member != null) {
            query.add("member=" + member);
        }
        return query.toString();
    }
}
