package gatehouse.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

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
        d.put("server.metrics-allow", "127.0.0.1,::1");
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
        // Read once at start by the first-administrator bootstrap, not configuration keys.
        known.add("GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME");
        known.add("GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD_FILE");
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
        return new ConfigParser(raw).parse();
    }

    /**
     * MariaDB compatibility, lower-case names as MariaDB reports them, and WRITE_DELAY=0 so that an
     * acknowledged commit survives {@code kill -9}.
     */
    public static final String H2_OPTIONS = ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
}
