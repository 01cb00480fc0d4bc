package gatehouse.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Every path the server answers, in one place: the route table registers these patterns, controllers redirect
 * to them, and templates link to them ({@code ${Paths.ME}}, {@code ${Paths.adminMember(id)}}). A pattern names
 * its one parameter in braces; the builder of the same name fills it in. The two prefixes that decide the front
 * end stay in {@link FrontEnd}: every API path is built on {@link FrontEnd#API_PREFIX}, so none can fall outside it.
 */
public final class Paths {
    // Operations, machine-readable documents, the language switch.
    public static final String HEALTH = "/health";
    public static final String READY = "/ready";
    public static final String JWKS = "/.well-known/jwks.json";
    public static final String FAVICON = "/favicon.ico";
    public static final String METRICS = "/metrics";
    public static final String SETUP = "/setup";
    public static final String LANGUAGE = "/lang";

    // A member's pages.
    public static final String HOME = "/";
    public static final String SIGNUP = "/signup";
    public static final String LOGIN = "/login";
    public static final String LOGIN_SECOND_FACTOR = "/login/second-factor";
    public static final String LOGOUT = "/logout";
    public static final String ME = "/me";
    public static final String SETTINGS = "/me/edit";
    public static final String PASSWORD = "/me/password";
    public static final String DELETE_ACCOUNT = "/me/delete";
    public static final String REVOKE_SESSION = "/me/sessions/{id}/revoke";
    public static final String REVOKE_OTHER_SESSIONS = "/me/sessions/revoke-others";
    public static final String SECOND_FACTOR = "/me/second-factor";
    public static final String DISABLE_SECOND_FACTOR = "/me/second-factor/disable";
    public static final String RECOVERY_CODES = "/me/second-factor/recovery-codes";
    public static final String APPLICATIONS = "/me/applications";
    public static final String WITHDRAW_APPLICATION = "/me/applications/{clientId}/withdraw";

    // The administrators' pages.
    public static final String ADMIN_USERS = "/admin/users";
    public static final String ADMIN_MEMBER = "/admin/users/{id}";
    public static final String ADMIN_DELETE = "/admin/users/{id}/delete";
    public static final String ADMIN_ROLE = "/admin/users/{id}/role";
    public static final String ADMIN_UNLOCK = "/admin/users/{id}/unlock";
    public static final String ADMIN_REVOKE_SESSIONS = "/admin/users/{id}/sessions/revoke";
    public static final String ADMIN_RESET_SECOND_FACTOR = "/admin/users/{id}/second-factor/reset";
    public static final String ADMIN_AUDIT = "/admin/audit";
    public static final String ADMIN_CLIENTS = "/admin/clients";
    public static final String ADMIN_CLIENT_SECRET = "/admin/clients/{clientId}/secret";
    public static final String ADMIN_CLIENT_DELETE = "/admin/clients/{clientId}/delete";

    // The OpenID Connect provider.
    public static final String OIDC_DISCOVERY = "/.well-known/openid-configuration";
    public static final String OIDC_AUTHORIZE = "/oauth2/authorize";
    public static final String OIDC_CONSENT = "/oauth2/consent";
    public static final String OIDC_TOKEN = "/oauth2/token";
    public static final String OIDC_REVOKE = "/oauth2/revoke";
    public static final String OIDC_INTROSPECT = "/oauth2/introspect";
    public static final String OIDC_USERINFO = "/oauth2/userinfo";
    public static final String OIDC_LOGOUT = "/oauth2/logout";

    // The JSON API.
    public static final String OPENAPI = FrontEnd.API_PREFIX + "openapi.json";
    private static final String API_V1 = FrontEnd.API_PREFIX + "v1";
    public static final String API_SIGNUP = API_V1 + "/auth/signup";
    public static final String API_LOGIN = API_V1 + "/auth/login";
    public static final String API_LOGIN_SECOND_FACTOR = API_V1 + "/auth/login/second-factor";
    public static final String API_REFRESH = API_V1 + "/auth/refresh";
    public static final String API_LOGOUT = API_V1 + "/auth/logout";
    public static final String API_ME = API_V1 + "/me";
    public static final String API_SESSIONS = API_V1 + "/me/sessions";
    public static final String API_SESSION = API_V1 + "/me/sessions/{id}";
    public static final String API_USERS = API_V1 + "/admin/users";
    public static final String API_USER = API_V1 + "/admin/users/{id}";
    public static final String API_USER_ROLE = API_V1 + "/admin/users/{id}/role";
    public static final String API_CLIENTS = API_V1 + "/admin/clients";
    public static final String API_CLIENT = API_V1 + "/admin/clients/{clientId}";
    public static final String API_CLIENT_SECRET = API_V1 + "/admin/clients/{clientId}/secret";

    private Paths() {}

    /** A file of the stylesheet and scripts folder. */
    public static String asset(String file) {
        return FrontEnd.STATIC_PREFIX + file;
    }

    /** The login page, going on to the local path {@code next} afterwards. */
    public static String loginThen(String next) {
        return LOGIN + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    public static String revokeSession(UUID session) {
        return fill(REVOKE_SESSION, session.toString());
    }

    public static String withdrawApplication(String clientId) {
        return fill(WITHDRAW_APPLICATION, clientId);
    }

    public static String adminMember(UUID member) {
        return fill(ADMIN_MEMBER, member.toString());
    }

    public static String adminDelete(UUID member) {
        return fill(ADMIN_DELETE, member.toString());
    }

    public static String adminRole(UUID member) {
        return fill(ADMIN_ROLE, member.toString());
    }

    public static String adminUnlock(UUID member) {
        return fill(ADMIN_UNLOCK, member.toString());
    }

    public static String adminRevokeSessions(UUID member) {
        return fill(ADMIN_REVOKE_SESSIONS, member.toString());
    }

    public static String adminResetSecondFactor(UUID member) {
        return fill(ADMIN_RESET_SECOND_FACTOR, member.toString());
    }

    public static String adminClientSecret(String clientId) {
        return fill(ADMIN_CLIENT_SECRET, clientId);
    }

    public static String adminClientDelete(String clientId) {
        return fill(ADMIN_CLIENT_DELETE, clientId);
    }

    public static String apiClient(String clientId) {
        return fill(API_CLIENT, clientId);
    }

    /** {@code pattern} with its one {@code {parameter}} replaced by {@code value}. */
    private static String fill(String pattern, String value) {
        int open = pattern.indexOf('{');
        return pattern.substring(0, open) + value + pattern.substring(pattern.indexOf('}', open) + 1);
    }
}
