package gatehouse.web;

import gatehouse.token.AccessToken;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens for every state-changing form: an HMAC of the login session's id, or before login of a
 * random {@code pre_session} cookie. Stateless, so every instance that shares the key accepts them;
 * compared in constant time.
 */
public final class Csrf {
    public static final String FIELD = "_csrf";
    private static final String ISSUED = "gatehouse.preSession";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Cookies cookies;

    /** @param secret server-side secret shared by all instances (derived from the pepper) */
    public Csrf(byte[] secret, Cookies cookies) {
        this.key = new SecretKeySpec(derive(secret), "HmacSHA256");
        this.cookies = cookies;
    }

    /** The token to put into this page's forms; sets the pre-session cookie when one is needed. */
    public String tokenFor(Context ctx) {
        Optional<AccessToken> principal = Auth.principal(ctx);
        if (principal.isPresent()) {
            return mac("session:" + principal.get().sessionId());
        }
        return mac("pre:" + preSession(ctx));
    }

    /**
     * Throws 403 unless the submitted token matches this login session or, for a visitor, this browser's
     * pre-session. A pre-session token never authorises a member's action: whoever can plant the
     * {@code pre_session} cookie (a sibling subdomain, plain HTTP) knows its token.
     */
    public void verify(Context ctx) {
        String submitted = ctx.formParam(FIELD);
        if (submitted == null || submitted.isEmpty()) {
            throw new ForbiddenResponse("csrf");
        }
        byte[] given = submitted.getBytes(StandardCharsets.US_ASCII);
        Optional<AccessToken> principal = Auth.principal(ctx);
        String pre = Cookies.read(ctx, Cookies.PRE_SESSION);
        boolean matches = principal.isPresent()
                ? equal(given, mac("session:" + principal.get().sessionId()))
                : pre != null && !pre.isEmpty() && equal(given, mac("pre:" + pre));
        if (!matches) {
            throw new ForbiddenResponse("csrf");
        }
    }

    private String preSession(Context ctx) {
        String value = ctx.attribute(ISSUED);
        if (value == null) {
            value = Cookies.read(ctx, Cookies.PRE_SESSION);
        }
        if (value == null || value.length() < 16) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            cookies.setForBrowserSession(ctx, Cookies.PRE_SESSION, value);
        }
        ctx.attribute(ISSUED, value);
        return value;
    }

    private static boolean equal(byte[] given, String expected) {
        return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String binding) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(binding.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key of its own, so that a CSRF token reveals nothing about the pepper. */
    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal("gatehouse csrf key".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
