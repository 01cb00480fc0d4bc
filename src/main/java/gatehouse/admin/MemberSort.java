package gatehouse.admin;

import java.util.Locale;

/** The orders the member list offers. The SQL comes from here, never from the request. */
public enum MemberSort {
    // Both keys descending, so that MariaDB reads users_created_at backwards (the index holds the id too)
    // instead of sorting every member: the default order stays cheap with 100,000 members.
    JOINED("u.created_at DESC, u.id DESC"),
    USERNAME("u.username ASC"),
    // H2 (DEFAULT_NULL_ORDERING=HIGH) and MariaDB put NULLs at opposite ends; members who never logged in
    // go last on both. This costs MariaDB a sort of the users table, acceptable for a non-default order.
    LAST_LOGIN("u.last_login_at IS NULL, u.last_login_at DESC, u.id DESC");

    private final String orderBy;

    MemberSort(String orderBy) {
        this.orderBy = orderBy;
    }

    public String orderBy() {
        return orderBy;
    }

    /** The sort a query parameter names ({@code joined}, {@code username}, {@code lastLogin}); JOINED otherwise. */
    public static MemberSort parse(String value) {
        if (value == null) {
            return JOINED;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "username" -> USERNAME;
            case "lastlogin", "last_login" -> LAST_LOGIN;
            default -> JOINED;
        };
    }

    public String parameter() {
        return switch (this) {
            case JOINED -> "joined";
            case USERNAME -> "username";
            case LAST_LOGIN -> "lastLogin";
        };
    }
}
