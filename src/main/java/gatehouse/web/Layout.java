package gatehouse.web;

import gatehouse.domain.Role;
import gatehouse.token.AccessToken;

/**
 * What the shared layout needs on every page: the language's text, the CSRF token for its forms, the
 * logged-in member (null when anonymous), the request id and the current path (for the language switch).
 */
public record Layout(Text t, String csrf, AccessToken user, String requestId, String path) {

    public boolean isAdmin() {
        return user != null && user.role() == Role.ADMIN;
    }
}
