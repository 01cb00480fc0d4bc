package gatehouse.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link Config}: defaults, then one properties file, then {@code GATEHOUSE_*} environment
 * variables. Every value is checked here so that a bad one stops the start with one clear line.
 */
public final class ConfigLoader {

    /** Every key with its default; {@code config.properties} at the top of the repo documents the same. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("server.port", "8080");
        d.put("server.host", "0.0.0.0");
        d.put("server.trusted-proxies", "");
        d.put("server.cors-origins", "");
        d.put("server.rate-limit-burst", "20");
        d.put("server.rate-limit-per-minute", "10");
        d.put("server.public-url", "");
        d.put("data.dir", "./data");
        d.put("db.url", "");
        d.put("db.user", "");
        d.put("db.password", "");
        d.put("db.pool-size", "10");
        d.put("auth.issuer", "");
        d.put("auth.audience", "gatehouse");
        d.put("auth.access-token-ttl", "PT15M");
        d.put("auth.refresh-token-ttl", "P14D");
        d.put("auth.refresh-reuse-grace", "PT10S");
        d.put("auth.signing-algorithm", "RS256");
        d.put("auth.hmac-secret", "");
        d.put("auth.signing-key-files", "${data.dir}/signing-key.pem");
        d.put("auth.bcrypt-cost", "12");
        d.put("auth.pepper-file", "${data.dir}/pepper.key");
        d.put("auth.admin-second-factor", "required");
        d.put("auth.device-token-days", "180");
        d.put("auth.session-idle-timeout", "P7D");
        d.put("auth.password-recheck-burst", "5");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z.-]+)}");

    private ConfigLoader() {}

    /** The environment variable that overrides {@code key}: {@code server.port} → {@code GATEHOUSE_SERVER_PORT}. */
    public static String environmentName(String key) {
        return "GATEHOUSE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Reads a properties file as UTF-8; a missing or unreadable file is a configuration error. */
    public static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("--config", file.toString(), "cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }

    /**
     * Merges defaults, the file's values and environment overrides, then parses and checks them.
     *
     * @param fileValues values from the properties file (may be empty)
     * @param environment the process environment (only {@code GATEHOUSE_*} names are read)
     */
    /**
     * {@code GATEHOUSE_*} variables that override no key (a typo such as {@code GATEHOUSE_SERVER_PROT}),
     * so that start-up can warn instead of silently using the default.
     */
    public static List<String> unknownEnvironmentNames(Map<String, String> environment) {
        Set<String> known = new HashSet<>();
        DEFAULTS.keySet().forEach(key -> known.add(environmentName(key)));
        known.add("GATEHOUSE_CONFIG");
        return environment.keySet().stream()
                .filter(name -> name.startsWith("GATEHOUSE_") && !name.startsWith("GATEHOUSE_TEST_") && !known.contains(name))
                .sorted()
                .toList();
    }

    public static Config load(Map<String, String> fileValues, Map<String, String> environment) {
        Map<String, String> raw = new LinkedHashMap<>(DEFAULTS);
        for (var entry : fileValues.entrySet()) {
            if (!DEFAULTS.containsKey(entry.getKey())) {
                throw new ConfigException(entry.getKey(), entry.getValue(), "unknown key");
            }
            raw.put(entry.getKey(), entry.getValue().trim());
        }
        for (String key : DEFAULTS.keySet()) {
            String override = environment.get(environmentName(key));
            if (override != null) {
                raw.put(key, override.trim());
            }
        }
        return new Parser(raw).parse();
    }

    /** Turns the merged strings into typed values, naming the key of the first bad one. */
    private static final class Parser {
        private final Map<String, String> raw;
        /** Keys whose references are being resolved, to catch references that go round in a circle. */
        private final Set<String> resolving = new HashSet<>();

        Parser(Map<String, String> raw) {
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
                    PublicUrls.choose(text("server.public-url"), text("auth.issuer"), raw.get("server.port")));
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
            List<String> values = list(key);
            for (String value : values) {
                if (gatehouse.net.IpRange.parse(value).isEmpty()) {
                    throw new ConfigException(key, value, "not an IP address or CIDR range such as 10.0.0.0/8");
                }
            }
            return values;
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
                return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("gatehouse") + H2_OPTIONS;
            }
            if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:mariadb:")) {
                throw new ConfigException("db.url", url, "must be a jdbc:mariadb: or jdbc:h2: URL");
            }
            return url;
        }
    }

    /**
     * MariaDB compatibility, lower-case names as MariaDB reports them, and WRITE_DELAY=0 so that an
     * acknowledged commit survives {@code kill -9}.
     */
    public static final String H2_OPTIONS = ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
}
