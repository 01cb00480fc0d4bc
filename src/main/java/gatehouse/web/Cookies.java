package gatehouse.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Sets Gatehouse's cookies with the documented attributes: HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS. */
public final class Cookies {
    public static final String ACCESS_TOKEN = "access_token";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String PRE_SESSION = "pre_session";

    private final ClientAddress client;
    private final Clock clock;

    public Cookies(ClientAddress client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void setAccessToken(Context ctx, String token, Duration timeToLive) {
        set(ctx, ACCESS_TOKEN, token, (int) timeToLive.toSeconds());
    }

    public void setRefreshToken(Context ctx, String token, Instant expiresAt) {
        set(ctx, REFRESH_TOKEN, token, (int) Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds()));
    }

    public void clearTokens(Context ctx) {
        clear(ctx, ACCESS_TOKEN);
        clear(ctx, REFRESH_TOKEN);
    }

    /**
     * Deletes a cookie. Jetty writes a zero Max-Age as a past Expires only; Max-Age=0 is said as well,
     * because it does not depend on the client's clock and is what the cookie documentation promises.
     */
    private void clear(Context ctx, String name) {
        String secure = "https".equals(client.scheme(ctx)) ? "; Secure" : "";
        ctx.res().addHeader("Set-Cookie", name + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
                + secure + "; HttpOnly; SameSite=Lax");
    }

    /** A cookie that lasts until the browser closes. */
    public void setForBrowserSession(Context ctx, String name, String value) {
        set(ctx, name, value, -1);
    }

    /** A long-lived preference cookie (language). */
    public void setPreference(Context ctx, String name, String value) {
        set(ctx, name, value, (int) Duration.ofDays(365).toSeconds());
    }

    private void set(Context ctx, String name, String value, int maxAgeSeconds) {
        boolean secure = "https".equals(client.scheme(ctx));
        ctx.cookie(new Cookie(name, value, "/", maxAgeSeconds, secure, true, null, SameSite.LAX));
    }
}
