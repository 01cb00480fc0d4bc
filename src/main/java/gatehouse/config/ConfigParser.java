package gatehouse.config;

import gatehouse.net.IpRange;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the merged strings into typed values, naming the key of the first bad one. */
final class ConfigParser {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z.-]+)}");
    private final Map<String, String> raw;
    /** Keys whose references are being resolved, to catch references that go round in a circle. */
    private final Set<String> resolving = new HashSet<>();

    ConfigParser(Map<String, String> raw) {
        this.raw = raw;
    }

    Config parse() {
        Path dataDir = path("data.dir");
        var server = new Config.Server(
                text("server.host"),
                integer("server.port", 0, 65535),
                addresses("server.trusted-proxies"),
                list("server.cors-origins"),
                integer("server.rate-limit-burst", 1, 1_000_000),
                integer("server.rate-limit-per-minute", 1, 1_000_000),
                PublicUrls.choose(text("server.public-url"), text("auth.issuer"), raw.get("server.port")),
                addresses("server.metrics-allow"));
        var db = new Config.Db(databaseUrl(dataDir), text("db.user"), text("db.password"), integer("db.pool-size", 1, 200));
        var algorithm = algorithm();
        var auth = new Config.Auth(
                server.publicUrl(),
                required("auth.audience"),
                duration("auth.access-token-ttl", Duration.ofSeconds(1)),
                duration("auth.refresh-token-ttl", Duration.ofMinutes(1)),
                duration("auth.refresh-reuse-grace", Duration.ZERO),
                algorithm,
                hmacSecret(algorithm),
                list("auth.signing-key-files").stream().map(file -> path("auth.signing-key-files", file)).toList(),
                integer("auth.bcrypt-cost", 4, 16),
                path("auth.pepper-file"),
                adminSecondFactor(),
                Duration.ofDays(integer("auth.device-token-days", 0, 3650)),
                duration("auth.session-idle-timeout", Duration.ofMinutes(1)),
                integer("auth.password-recheck-burst", 1, 1_000_000));
        if (auth.signingKeyFiles().isEmpty() && algorithm != SigningAlgorithm.HS256) {
            throw new ConfigException("auth.signing-key-files", raw.get("auth.signing-key-files"), "at least one file is needed");
        }
        if (auth.refreshTokenTtl().compareTo(auth.accessTokenTtl()) < 0) {
            throw new ConfigException("auth.refresh-token-ttl", raw.get("auth.refresh-token-ttl"),
                    "must not be shorter than auth.access-token-ttl");
        }
        return new Config(server, db, auth, dataDir);
    }

    /** The value with {@code ${other.key}} references replaced. */
    String text(String key) {
        String value = raw.get(key);
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        if (!resolving.add(key)) {
            throw new ConfigException(key, value, "its ${...} references go round in a circle");
        }
        while (m.find()) {
            String referenced = m.group(1);
            if (!raw.containsKey(referenced)) {
                throw new ConfigException(key, value, "refers to unknown key " + referenced);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text(referenced)));
        }
        resolving.remove(key);
        m.appendTail(out);
        return out.toString();
    }

    String required(String key) {
        String value = text(key);
        if (value.isBlank()) {
            throw new ConfigException(key, value, "must not be empty");
        }
        return value;
    }

    int integer(String key, int min, int max) {
        String value = text(key);
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new ConfigException(key, value, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "not a whole number");
        }
    }

    Duration duration(String key, Duration min) {
        String value = text(key);
        try {
            Duration d = Duration.parse(value);
            if (d.compareTo(min) < 0) {
                throw new ConfigException(key, value, "must be at least " + min);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, value, "not an ISO-8601 duration such as PT15M or P14D");
        }
    }

    Path path(String key) {
        return path(key, required(key));
    }

    Path path(String key, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(key, value, "not a usable file name");
        }
    }

    List<String> list(String key) {
        return Arrays.stream(text(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A list of IP addresses or CIDR ranges (never names: they would be looked up on every request). */
    List<String> addresses(String key) {
        List<String> entries = list(key);
        for (String entry : entries) {
            if (IpRange.parse(entry).isEmpty()) {
                throw new ConfigException(key, text(key), "not an IP address or CIDR block: " + entry);
            }
        }
        return entries;
    }

    SigningAlgorithm algorithm() {
        String value = text("auth.signing-algorithm");
        try {
            return SigningAlgorithm.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("auth.signing-algorithm", value, "must be RS256, ES256 or HS256");
        }
    }

    boolean adminSecondFactor() {
        String value = text("auth.admin-second-factor");
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "required" -> true;
            case "optional" -> false;
            default -> throw new ConfigException("auth.admin-second-factor", value, "must be required or optional");
        };
    }

    String hmacSecret(SigningAlgorithm algorithm) {
        String secret = text("auth.hmac-secret");
        if (algorithm == SigningAlgorithm.HS256 && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            // Never echo a secret back, not even a short one.
            throw new ConfigException("auth.hmac-secret", "(hidden)", "HS256 needs a secret of at least 32 bytes");
        }
        return secret;
    }

    String databaseUrl(Path dataDir) {
        String url = text("db.url");
        if (url.isEmpty()) {
            return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("gatehouse") + ConfigLoader.H2_OPTIONS;
        }
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:mariadb:")) {
            throw new ConfigException("db.url", url, "must be a jdbc:mariadb: or jdbc:h2: URL");
        }
        return url;
    }
}
