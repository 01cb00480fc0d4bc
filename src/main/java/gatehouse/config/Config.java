package gatehouse.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The whole typed, immutable configuration, built once at start-up by {@link ConfigLoader}. */
public record Config(Server server, Db db, Auth auth, Path dataDir) {

    /**
     * HTTP listener settings. {@code publicUrl} is how clients reach this server (no trailing slash): the
     * OpenID issuer, the base of the discovery URLs and the {@code iss} of every token. {@code metricsAllow}:
     * the client addresses and CIDR blocks that may read {@code /metrics}.
     */
    public record Server(String host, int port, List<String> trustedProxies, List<String> corsOrigins,
                         int rateLimitBurst, int rateLimitPerMinute, String publicUrl,
                         List<String> metricsAllow) {}

    /** Database connection; {@code url} is a {@code jdbc:h2:} or {@code jdbc:mariadb:} URL. */
    public record Db(String url, String user, String password, int poolSize) {
        public boolean isMariaDb() {
            return url.startsWith("jdbc:mariadb:");
        }
    }

    /** Token, password and key settings; {@code issuer} is always {@link Server#publicUrl()}. */
    public record Auth(
            String issuer,
            String audience,
            Duration accessTokenTtl,
            Duration refreshTokenTtl,
            Duration refreshReuseGrace,
            SigningAlgorithm signingAlgorithm,
            String hmacSecret,
            List<Path> signingKeyFiles,
            int bcryptCost,
            Path pepperFile,
            boolean adminSecondFactorRequired,
            Duration deviceTokenLife,
            Duration sessionIdleTimeout,
            int passwordRecheckBurst) {}
}
