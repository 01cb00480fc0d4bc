package gatehouse;

import static gatehouse.domain.Role.ANONYMOUS;

import gatehouse.metrics.AddressList;
import gatehouse.metrics.Metrics;
import gatehouse.metrics.MetricsController;
import gatehouse.metrics.RequestMetrics;
import gatehouse.setup.SetupController;
import gatehouse.web.Pages;
import gatehouse.web.Paths;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/** The operator's part of the web layer: the first-administrator page, {@code /metrics} and the request timer. */
final class OperatorEndpoints {
    private final Metrics metrics;
    private final SetupController setup;
    private final MetricsController scrape;
    private final RequestMetrics requests;

    OperatorEndpoints(Services services, Pages pages) {
        this.metrics = services.metrics();
        this.setup = new SetupController(services.firstAdministrator(), pages);
        this.scrape = new MetricsController(metrics, AddressList.parse(services.config().server().metricsAllow()));
        this.requests = new RequestMetrics(metrics);
    }

    /** Adds the routes; the JVM meters are bound while the server runs (the GC listeners are removed at stop). */
    void register(JavalinConfig cfg) {
        AutoCloseable jvm = metrics.bindJvm();
        cfg.events.serverStopped(jvm::close);
        cfg.routes.get(Paths.SETUP, setup::show, ANONYMOUS);
        cfg.routes.post(Paths.SETUP, setup::create, ANONYMOUS);
        cfg.routes.get(Paths.METRICS, scrape::scrape, ANONYMOUS);
    }

    void recordRequest(Context ctx, float milliseconds) {
        requests.record(ctx, milliseconds);
    }
}
