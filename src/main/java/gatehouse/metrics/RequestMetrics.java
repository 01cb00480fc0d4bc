package gatehouse.metrics;

import gatehouse.web.FrontEnd;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Times every request by route template (never the raw path: ids would make a meter each), method and status. */
public final class RequestMetrics {
    private final MeterRegistry registry;

    public RequestMetrics(Metrics metrics) {
        this.registry = metrics.registry();
    }

    public void record(Context ctx, float milliseconds) {
        Timer.builder("gatehouse.http.requests")
                .description("HTTP requests by route template, method and status")
                .tag("route", route(ctx))
                .tag("method", ctx.method().name())
                .tag("status", String.valueOf(ctx.statusCode()))
                .register(registry)
                .record(Duration.ofNanos((long) (milliseconds * 1_000_000)));
    }

    private static String route(Context ctx) {
        try {
            var endpoint = ctx.endpoints().matchedHttpEndpoint();
            if (endpoint != null) {
                return endpoint.path;
            }
        } catch (RuntimeException none) {
            // Javalin found no route: a static file or a 404.
        }
        return FrontEnd.isStatic(ctx) ? FrontEnd.STATIC_PREFIX + "*" : "unmatched";
    }
}
