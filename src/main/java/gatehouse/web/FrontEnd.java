package gatehouse.web;

import io.javalin.http.Context;

/**
 * Which front end a request belongs to, decided by its path alone: the JSON API (Bearer tokens,
 * problem+json) or the pages (cookies, HTML); static files are neither and carry no session.
 */
public final class FrontEnd {
    public static final String API_PREFIX = "/api/";
    public static final String STATIC_PREFIX = "/static/";

    private FrontEnd() {}

    public static boolean isApi(Context ctx) {
        return ctx.path().startsWith(API_PREFIX);
    }

    public static boolean isStatic(Context ctx) {
        return ctx.path().startsWith(STATIC_PREFIX);
    }
}
