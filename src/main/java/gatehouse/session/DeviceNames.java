package gatehouse.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Device names ("Chrome" on "Linux") for sessions, from the ua-parser project's rules (uap-java), not the
 * raw User-Agent header. A parse costs milliseconds, so each distinct header is parsed once and kept in a
 * bounded cache.
 */
public final class DeviceNames {
    private static final int CACHED_AGENTS = 10_000;
    private static final String OTHER = "Other";

    /**
     * uap-java compiles about a thousand patterns when built (about 2 s here): one parser per JVM, built on
     * the first parse rather than at start, so commands and tests that never show a session never pay for it.
     * It is immutable after construction and safe to share between threads.
     */
    private static final class Rules {
        static final Parser PARSER = new Parser();
    }

    private final Cache<String, DeviceName> cache = Caffeine.newBuilder().maximumSize(CACHED_AGENTS).build();

    /** The device a User-Agent header names; {@link DeviceName#UNKNOWN} for none or one the rules do not know. */
    public DeviceName of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return DeviceName.UNKNOWN;
        }
        return cache.get(userAgent, DeviceNames::parse);
    }

    /** The device of each session, by session id. */
    public Map<UUID, DeviceName> ofSessions(List<LoginSession> sessions) {
        Map<UUID, DeviceName> devices = new LinkedHashMap<>();
        for (LoginSession session : sessions) {
            devices.put(session.id(), of(session.userAgent()));
        }
        return devices;
    }

    /** Builds the parser on a background thread now, beside the server's start, so no request waits seconds for it. */
    public void warmUpInBackground() {
        Thread warmUp = new Thread(() -> of("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0"), "device-names-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static DeviceName parse(String userAgent) {
        Client client = Rules.PARSER.parse(userAgent);
        return new DeviceName(known(client.userAgent == null ? null : client.userAgent.family),
                known(client.os == null ? null : client.os.family));
    }

    private static String known(String family) {
        return family == null || family.isBlank() || OTHER.equals(family) ? null : family;
    }
}
