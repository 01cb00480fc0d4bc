package gatehouse.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sets Gatehouse's cookies with the documented attributes: HttpOnly, SameSite=Lax, Path=/, and over HTTPS
 * Secure and the {@code __Host-} name prefix, with which a browser accepts the cookie only from this very
 * host (no Domain, Path=/, Secure), so that a sibling subdomain cannot plant or overwrite it. Plain names
 * stay over http (local development), where browsers refuse {@code __Host-} cookies.
 */
public final class Cookies {
    /** The name prefix of every cookie over HTTPS. */
    public static final String HOST_PREFIX = "__Host-";
    public static final String ACCESS_TOKEN = "access_token";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String PRE_SESSION = "pre_session";
    public static final String WELCOME = "welcome";
    public static final String LOGIN_CHALLENGE = "login_challenge";
    public static final String DEVICE_TOKEN = "device_token";

    /** Who just signed up, carried from the sign-up POST to the login page it redirects to. */
    public record Welcome(String username, String nickname) {}
    private final Clock clock;
    private final Duration deviceTokenLife;

    public Cookies(Clock clock) {
        this(clock, Duration.ZERO);
    }

    /** @param deviceTokenLife how long the browser keeps its device token ({@code auth.device-token-days}) */
    public Cookies(Clock clock, Duration deviceTokenLife) {
        this.clock = clock;
        this.deviceTokenLife = deviceTokenLife;
    }

    /** The browser's device token for the member who just logged in (kept across logouts). */
    public void setDeviceToken(Context ctx, String token) {
        if (token != null && !deviceTokenLife.isZero()) {
            set(ctx, DEVICE_TOKEN, token, (int) deviceTokenLife.toSeconds());
        }
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
        String secure = "https".equals(ctx.scheme()) ? "; Secure" : "";
        ctx.res().addHeader("Set-Cookie", nameFor(ctx, name) + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
                + secure + "; HttpOnly; SameSite=Lax");
    }

    /** The login attempt waiting for its second factor (a random challenge), for as long as it is valid. */
    public void setLoginChallenge(Context ctx, String challenge, Duration timeToLive) {
        set(ctx, LOGIN_CHALLENGE, challenge, (int) timeToLive.toSeconds());
    }

    public void clearLoginChallenge(Context ctx) {
        clear(ctx, LOGIN_CHALLENGE);
    }

    /** A one-minute cookie the next login page reads once. */
    public void setWelcome(Context ctx, Welcome welcome) {
        String value = URLEncoder.encode(welcome.username() + "\n" + welcome.nickname(), StandardCharsets.UTF_8);
        set(ctx, WELCOME, value, 60);
    }

    /** The welcome a sign-up left, removed as it is read. */
    public Optional<Welcome> takeWelcome(Context ctx) {
        String value = read(ctx, WELCOME);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        set(ctx, WELCOME, "", 0);
        try {
            String[] parts = URLDecoder.decode(value, StandardCharsets.UTF_8).split("\n", 2);
            return parts.length == 2 ? Optional.of(new Welcome(parts[0], parts[1])) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
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
        boolean secure = "https".equals(ctx.scheme());
        ctx.cookie(new Cookie(nameFor(ctx, name), value, "/", maxAgeSeconds, secure, true, null, SameSite.LAX));
    }

    /**
     * The value of Gatehouse's cookie {@code name} as this request's scheme names it. Over HTTPS only the
     * {@code __Host-} cookie counts: a plain one there may have been planted by a sibling subdomain.
     */
    public static String read(Context ctx, String name) {
        return ctx.cookie(nameFor(ctx, name));
    }

    static String nameFor(Context ctx, String name) {
        return "https".equals(ctx.scheme()) ? HOST_PREFIX + name : name;
    }
}
