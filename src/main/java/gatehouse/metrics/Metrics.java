package gatehouse.metrics;

import gatehouse.audit.AuditListener;
import gatehouse.db.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * The process's meters, scraped as Prometheus text at {@code /metrics}: security events (from the audit log),
 * requests, active sessions, the connection pool, and, once {@link #bindJvm} is called by the server, the JVM.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SecurityEventCounters securityEvents = new SecurityEventCounters(registry);
    /** Held here: a gauge keeps only a weak reference to what it reads. */
    private final ActiveSessions sessions;

    /** @param database its pool reports to these meters, unless another instance's meters were given it first */
    public Metrics(Database database, Clock clock) {
        this.sessions = new ActiveSessions(database.jdbi(), clock);
        Gauge.builder("gatehouse.sessions.active", sessions, ActiveSessions::count)
                .description("Sessions neither ended nor expired (counted at most every 30 s)")
                .register(registry);
        database.reportPoolTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counts logins, sign-ups, locks, refreshes and reuse as the audit log sees them. */
    public AuditListener auditListener() {
        return securityEvents;
    }

    /** Memory, garbage collection, threads, classes, CPU and uptime; close when the server stops. */
    public AutoCloseable bindJvm() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
