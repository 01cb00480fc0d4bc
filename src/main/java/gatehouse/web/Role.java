package gatehouse.web;

import io.javalin.security.RouteRole;

/** Who may use a route. Members hold MEMBER or ADMIN; ANONYMOUS marks routes open to anyone. */
public enum Role implements RouteRole {
    ANONYMOUS,
    MEMBER,
    ADMIN;

    /** True when a holder of this role may use a route that requires {@code required}. */
    public boolean satisfies(Role required) {
        return required == ANONYMOUS || this == ADMIN || this == required;
    }
}
