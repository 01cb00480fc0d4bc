package gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    private static Config load(Map<String, String> file) {
        return ConfigLoader.load(file, Map.of());
    }

    private static ConfigException failure(Map<String, String> file, Map<String, String> environment) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, environment));
    }

    @Test
    void without_file_or_environment_every_default_of_the_product_spec_applies() {
        Config config = load(Map.of());

        assertEquals(8080, config.server().port());
        assertEquals("0.0.0.0", config.server().host());
        assertEquals(List.of(), config.server().trustedProxies());
        assertEquals(Path.of("./data"), config.dataDir());
        assertEquals(10, config.db().poolSize());
        assertFalse(config.db().isMariaDb());
        assertEquals("", config.db().user());
        assertEquals("http://localhost:8080", config.auth().issuer());
        assertEquals("http://localhost:8080", config.server().publicUrl());
        assertEquals("gatehouse", config.auth().audience());
        assertEquals(Duration.ofMinutes(15), config.auth().accessTokenTtl());
        assertEquals(Duration.ofDays(14), config.auth().refreshTokenTtl());
        assertEquals(Duration.ofSeconds(10), config.auth().refreshReuseGrace());
        assertEquals(SigningAlgorithm.RS256, config.auth().signingAlgorithm());
        assertEquals(List.of(Path.of("./data/signing-key.pem")), config.auth().signingKeyFiles());
        assertEquals(12, config.auth().bcryptCost());
        assertEquals(Path.of("./data/pepper.key"), config.auth().pepperFile());
    }

    @Test
    void the_default_database_is_a_durable_h2_file_under_the_absolute_data_dir() {
        Config config = load(Map.of("data.dir", "relative/dir"));

        String expectedFile = Path.of("relative/dir").toAbsolutePath().normalize().resolve("gatehouse").toString();
        assertEquals("jdbc:h2:file:" + expectedFile + ConfigLoader.H2_OPTIONS, config.db().url());
        assertTrue(config.db().url().contains(";MODE=MariaDB;"), config.db().url());
        assertTrue(config.db().url().contains(";WRITE_DELAY=0"), "acknowledged commits must survive kill -9");
    }

    @Test
    void a_file_sets_every_kind_of_value() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("server.port", "9090");
        file.put("server.host", "127.0.0.1");
        file.put("server.trusted-proxies", "10.0.0.1, 10.0.0.2 ,");
        file.put("data.dir", "/srv/gatehouse");
        file.put("db.url", "jdbc:mariadb://db.example:3306/gatehouse");
        file.put("db.user", "gate");
        file.put("db.password", "s3cret");
        file.put("db.pool-size", "25");
        file.put("auth.issuer", "https://id.example");
        file.put("auth.audience", "members");
        file.put("auth.access-token-ttl", "PT15S");
        file.put("auth.refresh-token-ttl", "PT1H");
        file.put("auth.refresh-reuse-grace", "PT0S");
        file.put("auth.signing-algorithm", "ES256");
        file.put("auth.signing-key-files", "/keys/new.pem,/keys/old.pem");
        file.put("auth.bcrypt-cost", "10");
        file.put("auth.pepper-file", "/keys/pepper");

        Config config = load(file);

        assertEquals(9090, config.server().port());
        assertEquals("127.0.0.1", config.server().host());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), config.server().trustedProxies());
        assertEquals(Path.of("/srv/gatehouse"), config.dataDir());
        assertEquals(new Config.Db("jdbc:mariadb://db.example:3306/gatehouse", "gate", "s3cret", 25), config.db());
        assertTrue(config.db().isMariaDb());
        assertEquals("https://id.example", config.auth().issuer());
        assertEquals("members", config.auth().audience());
        assertEquals(Duration.ofSeconds(15), config.auth().accessTokenTtl());
        assertEquals(Duration.ofHours(1), config.auth().refreshTokenTtl());
        assertEquals(Duration.ZERO, config.auth().refreshReuseGrace());
        assertEquals(SigningAlgorithm.ES256, config.auth().signingAlgorithm());
        assertEquals(List.of(Path.of("/keys/new.pem"), Path.of("/keys/old.pem")), config.auth().signingKeyFiles());
        assertEquals(10, config.auth().bcryptCost());
        assertEquals(Path.of("/keys/pepper"), config.auth().pepperFile());
    }

    @Test
    void the_environment_overrides_the_file_and_the_defaults() {
        Map<String, String> environment = Map.of(
                "GATEHOUSE_SERVER_PORT", "7070",
                "GATEHOUSE_DB_POOL_SIZE", " 3 ",
                "GATEHOUSE_AUTH_ACCESS_TOKEN_TTL", "PT30S",
                "GATEHOUSE_AUTH_BCRYPT_COST", "4",
                "PATH", "/usr/bin",
                "SERVER_PORT", "1");

        Config config = ConfigLoader.load(Map.of("server.port", "9090", "server.public-url", "https://from-file.example"), environment);

        assertEquals(7070, config.server().port());
        assertEquals(3, config.db().poolSize());
        assertEquals(Duration.ofSeconds(30), config.auth().accessTokenTtl());
        assertEquals(4, config.auth().bcryptCost());
        assertEquals("https://from-file.example", config.auth().issuer());
    }

    @Test
    void environment_names_are_the_key_upper_case_with_dots_and_dashes_as_underscores() {
        assertEquals("GATEHOUSE_SERVER_PORT", ConfigLoader.environmentName("server.port"));
        assertEquals("GATEHOUSE_AUTH_SIGNING_KEY_FILES", ConfigLoader.environmentName("auth.signing-key-files"));
        assertEquals("GATEHOUSE_DATA_DIR", ConfigLoader.environmentName("data.dir"));
    }

    @Test
    void data_dir_references_follow_an_overridden_data_dir() {
        Config config = ConfigLoader.load(Map.of(), Map.of("GATEHOUSE_DATA_DIR", "/var/lib/gatehouse"));

        assertEquals(List.of(Path.of("/var/lib/gatehouse/signing-key.pem")), config.auth().signingKeyFiles());
        assertEquals(Path.of("/var/lib/gatehouse/pepper.key"), config.auth().pepperFile());
        assertTrue(config.db().url().startsWith("jdbc:h2:file:/var/lib/gatehouse/gatehouse;"), config.db().url());
    }

    @Test
    void a_reference_may_appear_inside_a_longer_value_and_several_times() {
        Config config = load(Map.of("data.dir", "/d", "auth.signing-key-files", "${data.dir}/a.pem, ${data.dir}/b.pem"));

        assertEquals(List.of(Path.of("/d/a.pem"), Path.of("/d/b.pem")), config.auth().signingKeyFiles());
    }

    @Test
    void administrators_need_a_second_factor_unless_it_is_set_optional() {
        assertTrue(load(Map.of()).auth().adminSecondFactorRequired(), "required by default");
        assertFalse(load(Map.of("auth.admin-second-factor", "optional")).auth().adminSecondFactorRequired());
        assertTrue(ConfigLoader.load(Map.of(), Map.of("GATEHOUSE_AUTH_ADMIN_SECOND_FACTOR", "REQUIRED")).auth()
                .adminSecondFactorRequired());
        assertMessage(failure(Map.of("auth.admin-second-factor", "off"), Map.of()), "auth.admin-second-factor", "off");
    }

    @Test
    void a_reference_to_an_unknown_key_names_the_key_that_holds_it() {
        ConfigException e = failure(Map.of("auth.pepper-file", "${data.directory}/pepper.key"), Map.of());

        assertMessage(e, "auth.pepper-file", "${data.directory}/pepper.key");
        assertTrue(e.getMessage().contains("data.directory"), e.getMessage());
    }

    @Test
    void references_that_go_round_in_a_circle_are_a_config_error_not_a_crash() {
        ConfigException e = failure(Map.of("data.dir", "${auth.pepper-file}/x"), Map.of());

        assertTrue(e.getMessage().startsWith("config "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void a_file_is_read_as_utf_8_and_values_are_trimmed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gatehouse.properties");
        Files.writeString(file, "# comment\ndb.user = 문지기  \nserver.port=8181\n", StandardCharsets.UTF_8);

        Config config = load(ConfigLoader.readFile(file));

        assertEquals("문지기", config.db().user());
        assertEquals(8181, config.server().port());
    }

    @Test
    void a_missing_config_file_is_a_config_error_naming_the_file(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.readFile(missing));

        assertMessage(e, "--config", missing.toString());
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("server.port", "eighty", "not a whole number"),
                Arguments.of("server.port", "65536", "between 0 and 65535"),
                Arguments.of("server.port", "-1", "between 0 and 65535"),
                Arguments.of("server.port", "", "not a whole number"),
                Arguments.of("db.pool-size", "0", "between 1 and 200"),
                Arguments.of("db.pool-size", "ten", "not a whole number"),
                Arguments.of("auth.bcrypt-cost", "3", "between 4 and 16"),
                Arguments.of("auth.bcrypt-cost", "32", "between 4 and 16"),
                Arguments.of("auth.bcrypt-cost", "31", "between 4 and 16"),
                Arguments.of("auth.bcrypt-cost", "17", "between 4 and 16"),
                Arguments.of("auth.access-token-ttl", "15m", "ISO-8601"),
                Arguments.of("auth.access-token-ttl", "PT0.5S", "at least PT1S"),
                Arguments.of("auth.access-token-ttl", "-PT15M", "at least PT1S"),
                Arguments.of("auth.refresh-token-ttl", "14 days", "ISO-8601"),
                Arguments.of("auth.refresh-token-ttl", "PT30S", "at least PT1M"),
                Arguments.of("auth.refresh-reuse-grace", "-PT1S", "at least PT0S"),
                Arguments.of("auth.refresh-reuse-grace", "ten seconds", "ISO-8601"),
                Arguments.of("auth.signing-algorithm", "none", "RS256, ES256 or HS256"),
                Arguments.of("auth.signing-algorithm", "RS512", "RS256, ES256 or HS256"),
                Arguments.of("db.url", "jdbc:postgresql://localhost/gatehouse", "jdbc:mariadb: or jdbc:h2:"),
                Arguments.of("db.url", "mariadb://localhost/gatehouse", "jdbc:mariadb: or jdbc:h2:"),
                Arguments.of("auth.issuer", "gatehouse", "http:// or https:// URL"),
                Arguments.of("server.public-url", "login.example.org", "http:// or https:// URL"),
                Arguments.of("server.public-url", "ftp://login.example.org", "http:// or https:// URL"),
                Arguments.of("server.public-url", "https://login.example.org/?a=b", "without query"),
                Arguments.of("auth.audience", "", "must not be empty"),
                Arguments.of("data.dir", "", "must not be empty"),
                Arguments.of("auth.pepper-file", "", "must not be empty"),
                Arguments.of("auth.signing-key-files", " , ", "at least one file"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidValues")
    void an_invalid_value_in_the_file_gives_one_line_naming_key_and_value(String key, String value, String problem) {
        ConfigException e = failure(Map.of(key, value), Map.of());

        assertMessage(e, key, value.trim());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidValues")
    void an_invalid_value_from_the_environment_gives_the_same_line(String key, String value, String problem) {
        ConfigException e = failure(Map.of(), Map.of(ConfigLoader.environmentName(key), value));

        assertMessage(e, key, value.trim());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void the_public_url_is_the_issuer_and_loses_its_trailing_slash() {
        Config config = load(Map.of("server.public-url", "https://login.example.org/"));

        assertEquals("https://login.example.org", config.server().publicUrl());
        assertEquals("https://login.example.org", config.auth().issuer());
    }

    @Test
    void the_deprecated_auth_issuer_still_sets_the_one_issuer() {
        Config config = load(Map.of("auth.issuer", "https://id.example"));

        assertEquals("https://id.example", config.server().publicUrl());
        assertEquals("https://id.example", config.auth().issuer());
    }

    @Test
    void auth_issuer_that_differs_from_the_public_url_stops_the_start() {
        ConfigException e = failure(Map.of("server.public-url", "https://a.example", "auth.issuer", "https://b.example"), Map.of());

        assertMessage(e, "auth.issuer", "https://b.example");
        assertTrue(e.getMessage().contains("deprecated alias of server.public-url"), e.getMessage());
    }

    @Test
    void the_algorithm_name_is_not_case_sensitive() {
        assertEquals(SigningAlgorithm.ES256, load(Map.of("auth.signing-algorithm", "es256")).auth().signingAlgorithm());
    }

    @Test
    void a_refresh_token_that_lives_shorter_than_the_access_token_is_refused() {
        ConfigException e = failure(Map.of("auth.access-token-ttl", "PT2H", "auth.refresh-token-ttl", "PT1H"), Map.of());

        assertMessage(e, "auth.refresh-token-ttl", "PT1H");
        assertTrue(e.getMessage().contains("auth.access-token-ttl"), e.getMessage());
    }

    @Test
    void hs256_without_a_32_byte_secret_is_refused_without_echoing_the_secret() {
        String shortSecret = "correct-horse-battery-staple";
        ConfigException e = failure(Map.of("auth.signing-algorithm", "HS256", "auth.hmac-secret", shortSecret), Map.of());

        assertTrue(e.getMessage().startsWith("config auth.hmac-secret"), e.getMessage());
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains(shortSecret), e.getMessage());
        assertFalse(e.getMessage().contains("correct-horse"), e.getMessage());
    }

    @Test
    void hs256_without_any_secret_is_refused() {
        ConfigException e = failure(Map.of("auth.signing-algorithm", "HS256"), Map.of());

        assertTrue(e.getMessage().startsWith("config auth.hmac-secret"), e.getMessage());
    }

    @Test
    void hs256_with_a_32_byte_secret_needs_no_key_files() {
        Config config = load(Map.of("auth.signing-algorithm", "HS256",
                "auth.hmac-secret", "0123456789abcdef0123456789abcdef", "auth.signing-key-files", ""));

        assertEquals(SigningAlgorithm.HS256, config.auth().signingAlgorithm());
        assertEquals(List.of(), config.auth().signingKeyFiles());
    }

    @Test
    void a_secret_is_not_echoed_even_when_it_holds_a_bad_reference() {
        ConfigException e = failure(Map.of("auth.signing-algorithm", "HS256",
                "auth.hmac-secret", "top-secret-${nothing}-0123456789abcdef"), Map.of());

        assertFalse(e.getMessage().contains("top-secret"), e.getMessage());
        assertTrue(e.getMessage().startsWith("config auth.hmac-secret"), e.getMessage());
    }

    @Test
    void a_database_password_inside_the_url_is_not_echoed() {
        ConfigException e = failure(Map.of("db.url", "jdbc:postgresql://db/g?user=gate&password=hunter2hunter2"), Map.of());

        assertTrue(e.getMessage().startsWith("config db.url="), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void an_unknown_key_in_the_file_is_refused_by_name() {
        ConfigException e = failure(Map.of("server.prot", "8080"), Map.of());

        assertMessage(e, "server.prot", "8080");
        assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
    }

    @Test
    void a_value_with_a_line_break_still_gives_one_line() {
        ConfigException e = failure(Map.of(), Map.of("GATEHOUSE_SERVER_PORT", "80\n80"));

        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("\r"), e.getMessage());
        assertTrue(e.getMessage().startsWith("config server.port="), e.getMessage());
    }

    @Test
    void a_path_the_file_system_cannot_hold_is_a_config_error() {
        ConfigException e = failure(Map.of("auth.pepper-file", "/tmp/pep\u0000per"), Map.of());

        assertTrue(e.getMessage().startsWith("config auth.pepper-file="), e.getMessage());
    }

    @Test
    void config_properties_at_the_top_documents_exactly_the_keys_and_defaults_of_the_loader() throws IOException {
        Path documented = Path.of("config.properties");
        assertTrue(Files.isRegularFile(documented), "run from the project root: " + documented.toAbsolutePath());

        Map<String, String> values = ConfigLoader.readFile(documented);

        assertEquals(ConfigLoader.DEFAULTS, values);
        assertEquals(new ArrayList<>(ConfigLoader.DEFAULTS.keySet()), keysInFileOrder(documented),
                "config.properties lists the keys in the loader's order");
        // The documented file is itself a valid configuration.
        assertEquals(load(Map.of()), load(values));
    }

    @Test
    void every_key_in_config_properties_has_a_comment_above_its_group() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("config.properties"), StandardCharsets.UTF_8);
        boolean commented = false;
        for (String line : lines) {
            if (line.isBlank()) {
                commented = false;
            } else if (line.startsWith("#")) {
                commented = true;
            } else {
                assertTrue(commented, "no comment above: " + line);
            }
        }
    }

    private static List<String> keysInFileOrder(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.substring(0, line.indexOf('=')).trim())
                .toList();
    }

    /** The message is one line that starts with the key and shows the value. */
    private static void assertMessage(ConfigException e, String key, String value) {
        String message = e.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("config " + key + "=" + value + ": "), message);
    }

    @Test
    void a_misspelled_environment_variable_is_reported_and_known_ones_are_not() {
        Map<String, String> environment = Map.of(
                "GATEHOUSE_SERVER_PROT", "9000",
                "GATEHOUSE_SERVER_PORT", "9000",
                "GATEHOUSE_CONFIG", "/etc/gatehouse.properties",
                "GATEHOUSE_TEST_MARIADB_URL", "jdbc:mariadb://localhost/test",
                "PATH", "/usr/bin");

        assertEquals(List.of("GATEHOUSE_SERVER_PROT"), ConfigLoader.unknownEnvironmentNames(environment));
    }
}
