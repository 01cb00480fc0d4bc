package gatehouse.admin;

import java.util.Locale;

/** The orders the member list offers. The SQL comes from here, never from the request. */
public enum MemberSort {
    JOINED("u.created_at DESC, u.id"),
    USERNAME("u.username ASC"),
    LAST_LOGIN("u.last_login_at DESC, u.id");

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
