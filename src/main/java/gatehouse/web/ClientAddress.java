package gatehouse.web;

import gatehouse.net.IpAddresses;
import gatehouse.net.IpRange;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The client's IP and scheme. {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed only
 * when the direct peer is one of the configured trusted proxies (addresses or CIDR ranges); otherwise
 * anyone could forge them. The answer is always an IP literal in canonical form (at most 45 characters).
 */
public final class ClientAddress {
    private final List<IpRange> trustedProxies;

    /** @param trustedProxies addresses or CIDR ranges, as checked by the configuration loader */
    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream()
                .map(proxy -> IpRange.parse(proxy).orElseThrow(() -> new IllegalArgumentException("not an address: " + proxy)))
                .toList();
    }

    public String ip(Context ctx) {
        return clientOf(ctx.req().getRemoteAddr(), Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
    }

    /**
     * The client behind {@code peer}: every {@code X-Forwarded-For} line joined (a proxy may append a line
     * of its own rather than extend the last one), then read from the right, past our own proxies, to the
     * first address that is not one of them. Only the right-hand part was written by proxies we trust:
     * whatever a client put on the left is never believed, and anything that is not an IP literal ends
     * the walk at the peer.
     */
    String clientOf(String peer, List<String> forwardedLines) {
        Optional<InetAddress> peerAddress = IpAddresses.literal(peer);
        if (peerAddress.isEmpty()) {
            // Not expected from Jetty; never let such a text reach a log or a column unchecked.
            return "unknown";
        }
        String fallback = IpAddresses.text(peerAddress.get());
        if (forwardedLines.isEmpty() || !isTrusted(peerAddress.get())) {
            return fallback;
        }
        List<String> hops = new ArrayList<>();
        forwardedLines.forEach(line -> Collections.addAll(hops, line.split(",", -1)));
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpAddresses.literal(hops.get(i).trim());
            if (hop.isEmpty()) {
                return fallback;
            }
            if (!isTrusted(hop.get())) {
                return IpAddresses.text(hop.get());
            }
        }
        return fallback;
    }

    public String scheme(Context ctx) {
        List<String> proto = Collections.list(ctx.req().getHeaders("X-Forwarded-Proto"));
        Optional<InetAddress> peer = IpAddresses.literal(ctx.req().getRemoteAddr());
        if (!proto.isEmpty() && peer.isPresent() && isTrusted(peer.get())) {
            // The right-most value is the one our own proxy set.
            String[] values = proto.get(proto.size() - 1).split(",");
            return values[values.length - 1].trim().equalsIgnoreCase("https") ? "https" : "http";
        }
        return ctx.req().getScheme();
    }

    private boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }
}
