package gatehouse.metrics;

import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** Counters fed by the audit log: every event by type, and the few an operator alerts on under their own names. */
final class SecurityEventCounters implements AuditListener {
    private final Map<AuditEvent, Counter> byType = new EnumMap<>(AuditEvent.class);
    private final Map<AuditEvent, Counter> named = new EnumMap<>(AuditEvent.class);
    private final Counter refreshes;

    SecurityEventCounters(MeterRegistry registry) {
        for (AuditEvent type : AuditEvent.values()) {
            byType.put(type, Counter.builder("gatehouse.audit.events").tag("type", type.name())
                    .description("Security events recorded in the audit log").register(registry));
        }
        named.put(AuditEvent.LOGIN_SUCCESS, login(registry, "success"));
        named.put(AuditEvent.LOGIN_FAILURE, login(registry, "failure"));
        named.put(AuditEvent.SECOND_FACTOR_FAILURE, login(registry, "second_factor_failure"));
        named.put(AuditEvent.SIGNUP, Counter.builder("gatehouse.signups").description("Accounts created").register(registry));
        named.put(AuditEvent.ACCOUNT_LOCKED, Counter.builder("gatehouse.account.locks")
                .description("Accounts locked after failed logins").register(registry));
        named.put(AuditEvent.REFRESH_REUSE, Counter.builder("gatehouse.refresh.reuse")
                .description("Rotated refresh tokens presented again; their sessions were ended").register(registry));
        refreshes = Counter.builder("gatehouse.refreshes").description("Refresh tokens rotated").register(registry);
    }

    private static Counter login(MeterRegistry registry, String outcome) {
        return Counter.builder("gatehouse.logins").tag("outcome", outcome).description("Login attempts by outcome")
                .register(registry);
    }

    @Override
    public void recorded(AuditEvent type) {
        byType.get(type).increment();
        Counter counter = named.get(type);
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void tokenRefreshed() {
        refreshes.increment();
    }
}
