package gatehouse.metrics;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/** {@code GET /metrics}: Prometheus text to the addresses in server.metrics-allow, a plain 404 to anyone else. */
public final class MetricsController {
    private final Metrics metrics;
    private final AddressList allowed;

    public MetricsController(Metrics metrics, AddressList allowed) {
        this.metrics = metrics;
        this.allowed = allowed;
    }

    public void scrape(Context ctx) {
        // ctx.ip() is the client as the trusted proxies report it, so a proxy on loopback does not open it to all.
        if (!allowed.allows(ctx.ip())) {
            throw new NotFoundResponse();
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
