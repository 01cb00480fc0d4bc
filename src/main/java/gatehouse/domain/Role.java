package gatehouse.domain;

import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Optional;

/** Who may use a route. Members hold MEMBER or ADMIN; ANONYMOUS marks routes open to anyone. */
public enum Role implements RouteRole {
    ANONYMOUS,
    MEMBER,
    ADMIN;

    /** The member role {@code value} names ({@code MEMBER} or {@code ADMIN}, any case), if it names one. */
    public static Optional<Role> ofMember(String value) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return name.equals(MEMBER.name()) ? Optional.of(MEMBER)
                : name.equals(ADMIN.name()) ? Optional.of(ADMIN)
                : Optional.empty();
    }

    /** True when a holder of this role may use a route that requires {@code required}. */
    public boolean satisfies(Role required) {
        return required == ANONYMOUS || this == ADMIN || this == required;
    }
}
