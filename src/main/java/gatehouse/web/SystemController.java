package gatehouse.web;

import gatehouse.db.Database;
import gatehouse.token.SigningKeys;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** Health and readiness for load balancers, the public keys, the language switch, the favicon. */
public final class SystemController {
    private final Database database;
    private final SigningKeys keys;
    private final Cookies cookies;

    public SystemController(Database database, SigningKeys keys, Cookies cookies) {
        this.database = database;
        this.keys = keys;
        this.cookies = cookies;
    }

    public void health(Context ctx) {
        ctx.json(Map.of("status", "UP"));
    }

    public void ready(Context ctx) {
        if (database.isReachable()) {
            ctx.json(Map.of("status", "READY"));
        } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("status", "NOT_READY", "reason", "database unreachable"));
        }
    }

    public void jwks(Context ctx) {
        // Other services fetch this often; a short cache keeps key rotation prompt.
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.json(keys.jwks());
    }

    /** Sets the language cookie and goes back to the page the switch was on. */
    public void switchLanguage(Context ctx) {
        String lang = ctx.formParam("lang");
        if (lang != null && Languages.SUPPORTED.contains(lang)) {
            cookies.setPreference(ctx, Languages.COOKIE, lang);
        }
        String back = LocalPaths.safe(ctx.formParam("next"));
        ctx.redirect(back.isEmpty() ? Paths.HOME : back, HttpStatus.SEE_OTHER);
    }

    public void favicon(Context ctx) {
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
