package gatehouse.api;

import gatehouse.web.FrontEnd;
import gatehouse.web.Auth;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for {@code /api/} only, for the origins in {@code server.cors-origins} (none by default). A listed
 * Origin is echoed back, never {@code *}, and credentials are never allowed: the API authenticates
 * with the Authorization header, so a browser's cookies have no business in a cross-origin call.
 */
public final class Cors {
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Accept-Language";
    static final String EXPOSED_HEADERS = "X-Request-Id, Retry-After, WWW-Authenticate";
    static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;

    public Cors(List<String> origins) {
        this.origins = origins.stream().map(Cors::normalize).filter(o -> !o.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The before-handler. Answers a preflight itself (204 for a listed origin, a 403 problem otherwise)
     * and adds the allow headers to any other API response for a listed origin.
     */
    public void handle(Context ctx) {
        if (origins.isEmpty() || !FrontEnd.isApi(ctx)) {
            return;
        }
        // Responses differ by Origin: caches must not hand one origin's answer to another.
        ctx.header("Vary", "Origin");
        String origin = ctx.header("Origin");
        boolean allowed = origin != null && origins.contains(normalize(origin));
        boolean preflight = ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null;
        if (allowed) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        if (preflight) {
            if (!allowed) {
                throw ApiProblem.of(HttpStatus.FORBIDDEN, "api.cors.refused");
            }
            ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
            ctx.status(HttpStatus.NO_CONTENT);
            // No route answers OPTIONS: without this the request would go on to a 404.
            ctx.skipRemainingHandlers();
        }
    }

    /** Origins compare by scheme, host and port, which browsers send in lower case and without a slash. */
    private static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
