package gatehouse.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The whole typed, immutable configuration, built once at start-up by {@link ConfigLoader}. */
public record Config(Server server, Db db, Auth auth, Path dataDir) {

    /** HTTP listener settings. */
    public record Server(String host, int port, List<String> trustedProxies, List<String> corsOrigins,
                         int rateLimitBurst, int rateLimitPerMinute) {}

    /** Database connection; {@code url} is a {@code jdbc:h2:} or {@code jdbc:mariadb:} URL. */
    public record Db(String url, String user, String password, int poolSize) {
        public boolean isMariaDb() {
            return url.startsWith("jdbc:mariadb:");
        }
    }

    /** Token, password and key settings. */
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
            boolean adminSecondFactorRequired) {}
}
