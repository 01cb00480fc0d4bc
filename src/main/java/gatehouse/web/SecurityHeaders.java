package gatehouse.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/** Headers every response carries, and the refusal of method-override headers. */
public final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {}

    /**
     * Lets this page's forms lead to {@code origin} as well: browsers apply {@code form-action} to the
     * redirects after a form post, and a login or consent form of an OpenID flow ends at the client.
     */
    public static void allowFormTarget(Context ctx, String origin) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY.replace("form-action 'self'", "form-action 'self' " + origin));
    }

    public static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        if (!FrontEnd.isStatic(ctx)) {
            // Every dynamic response may hold personal data or tokens.
            ctx.header("Cache-Control", "no-store");
        }
        // Javalin routes a GET carrying X-HTTP-Method-Override to the POST handler; that would let a
        // link perform a state change. Checked after the headers are set, so the refusal carries them too.
        if (ctx.header("X-HTTP-Method-Override") != null || ctx.header("X-HTTP-Method") != null
                || ctx.header("X-Method-Override") != null) {
            throw new BadRequestResponse("method override headers are not accepted");
        }
    }
}
