package gatehouse.web;

import io.javalin.http.Context;
import java.util.List;

/**
 * The client's IP and scheme. {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed only
 * when the direct peer is one of the configured trusted proxies; otherwise anyone could forge them.
 */
public final class ClientAddress {
    private final List<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public String ip(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        // The right-most address not added by one of our own proxies is the client.
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    public String scheme(Context ctx) {
        String proto = ctx.header("X-Forwarded-Proto");
        if (proto != null && trustedProxies.contains(ctx.req().getRemoteAddr())) {
            return proto.trim().equalsIgnoreCase("https") ? "https" : "http";
        }
        return ctx.req().getScheme();
    }
}
