package gatehouse.web;

import gatehouse.token.AccessToken;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
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
    private final Set<String> exempt;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /**
     * @param secret server-side secret shared by all instances (derived from the pepper)
     * @param exempt paths whose POSTs authenticate otherwise (see {@link #check})
     */
    public Csrf(byte[] secret, Cookies cookies, Set<String> exempt) {
        this.key = new SecretKeySpec(derive(secret), "HmacSHA256");
        this.cookies = cookies;
        this.exempt = Set.copyOf(exempt);
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
     * The CSRF step: every page form that changes state is a POST carrying {@link #FIELD}. The API uses
     * Bearer tokens, never cookies, and the {@code exempt} paths (the OAuth client endpoints) authenticate
     * the client itself (secret, PKCE or Bearer), so neither needs it.
     */
    public void check(Context ctx) {
        if (ctx.method() == HandlerType.POST && !FrontEnd.isApi(ctx) && !FrontEnd.isStatic(ctx)
                && !exempt.contains(ctx.path())) {
            verify(ctx);
        }
    }

    /**
     * Throws {@link CsrfRejected} unless the submitted token matches this login session or, for a visitor, this browser's
     * pre-session. A pre-session token never authorises a member's action: whoever can plant the
     * {@code pre_session} cookie (a sibling subdomain, plain HTTP) knows its token.
     */
    private void verify(Context ctx) {
        String submitted = ctx.formParam(FIELD);
        if (submitted == null || submitted.isEmpty()) {
            throw new CsrfRejected();
        }
        byte[] given = submitted.getBytes(StandardCharsets.US_ASCII);
        Optional<AccessToken> principal = Auth.principal(ctx);
        String pre = Cookies.read(ctx, Cookies.PRE_SESSION);
        boolean matches = principal.isPresent()
                ? equal(given, mac("session:" + principal.get().sessionId()))
                : pre != null && !pre.isEmpty() && equal(given, mac("pre:" + pre));
        if (!matches) {
            throw new CsrfRejected();
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
        // doFinal resets the Mac for its next use on this thread: no provider look-up and key set-up per page.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(macs.get().doFinal(binding.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
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
