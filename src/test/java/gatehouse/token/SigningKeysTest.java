package gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import gatehouse.config.Config;
import gatehouse.config.ConfigException;
import gatehouse.config.ConfigLoader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path dir;

    private Config.Auth auth(String algorithm, String... extra) {
        Map<String, String> values = new HashMap<>();
        values.put("data.dir", dir.toString());
        values.put("auth.signing-algorithm", algorithm);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            values.put(extra[i], extra[i + 1]);
        }
        return ConfigLoader.load(values, Map.of()).auth();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> jwks(SigningKeys keys) {
        return (List<Map<String, String>>) keys.jwks().get("keys");
    }

    private static byte[] fromBase64Url(String text) {
        assertFalse(text.contains("="), "base64url without padding: " + text);
        return Base64.getUrlDecoder().decode(text);
    }

    /** The RFC 7638 thumbprint, written out here without the production code's helpers. */
    private static String thumbprint(String canonicalJson) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** Big-endian magnitude of {@code value} in exactly {@code length} bytes (no sign byte). */
    private static String fixedLength(BigInteger value, int length) {
        byte[] out = new byte[length];
        byte[] raw = value.toByteArray();
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    @Test
    void rs256_generates_an_rsa_2048_key_file_with_mode_0600_on_first_start_and_reads_it_back_on_the_second()
            throws IOException {
        Path file = dir.resolve("signing-key.pem");

        SigningKeys first = SigningKeys.load(auth("RS256"));
        String pem = Files.readString(file);
        SigningKeys second = SigningKeys.load(auth("RS256"));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(pem.contains("-----BEGIN PRIVATE KEY-----") && pem.contains("-----BEGIN PUBLIC KEY-----"), pem);
        assertEquals(pem, Files.readString(file), "the second start must not replace the key");
        assertEquals(jwks(first), jwks(second));
        assertEquals(first.algorithm().getSigningKeyId(), second.algorithm().getSigningKeyId());
        assertEquals(2048, new BigInteger(1, fromBase64Url(jwks(first).get(0).get("n"))).bitLength());
    }

    @Test
    void es256_generates_a_p256_key_on_first_start_and_reads_the_same_kid_back() {
        SigningKeys first = SigningKeys.load(auth("ES256"));
        SigningKeys second = SigningKeys.load(auth("ES256"));

        Map<String, String> jwk = jwks(first).get(0);
        assertEquals("EC", jwk.get("kty"));
        assertEquals("P-256", jwk.get("crv"));
        assertEquals("ES256", jwk.get("alg"));
        assertEquals(jwk.get("kid"), jwks(second).get(0).get("kid"));
    }

    @Test
    void the_rsa_jwk_holds_n_and_e_of_the_key_and_its_kid_is_the_rfc_7638_thumbprint() throws Exception {
        SigningKey key = SigningKey.generate("RSA");
        RSAPublicKey rsa = (RSAPublicKey) key.publicKey();

        Map<String, String> jwk = key.publicJwk("RS256");

        assertEquals(rsa.getModulus(), new BigInteger(1, fromBase64Url(jwk.get("n"))));
        assertEquals(rsa.getPublicExponent(), new BigInteger(1, fromBase64Url(jwk.get("e"))));
        assertEquals("AQAB", jwk.get("e"));
        assertEquals(256, fromBase64Url(jwk.get("n")).length, "no leading sign byte in n");
        assertEquals("RSA", jwk.get("kty"));
        assertEquals("sig", jwk.get("use"));
        assertEquals("RS256", jwk.get("alg"));
        String canonical = "{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"" + fixedLength(rsa.getModulus(), 256) + "\"}";
        assertEquals(thumbprint(canonical), jwk.get("kid"));
        assertEquals(key.kid(), jwk.get("kid"));
    }

    @Test
    void the_kid_of_the_rsa_example_key_of_rfc_7638_is_the_thumbprint_the_rfc_gives() throws Exception {
        String n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3o"
                + "knjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdA"
                + "ZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFC"
                + "ur-kEgU8awapJzKnqDKgw";
        var publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, fromBase64Url(n)), BigInteger.valueOf(65537)));

        SigningKey key = SigningKey.of(null, publicKey);

        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", key.kid());
        assertEquals(n, key.publicJwk("RS256").get("n"));
    }

    @Test
    void the_ec_jwk_holds_x_and_y_as_32_bytes_each_and_its_kid_is_the_rfc_7638_thumbprint() throws Exception {
        // About one P-256 key in 128 has a coordinate with a leading zero byte: try enough to meet one.
        boolean sawShortCoordinate = false;
        for (int i = 0; i < 600 && !(sawShortCoordinate && i > 20); i++) {
            SigningKey key = SigningKey.generate("EC");
            ECPublicKey ec = (ECPublicKey) key.publicKey();
            Map<String, String> jwk = key.publicJwk("ES256");

            byte[] x = fromBase64Url(jwk.get("x"));
            byte[] y = fromBase64Url(jwk.get("y"));
            assertEquals(32, x.length);
            assertEquals(32, y.length);
            assertEquals(ec.getW().getAffineX(), new BigInteger(1, x));
            assertEquals(ec.getW().getAffineY(), new BigInteger(1, y));
            sawShortCoordinate |= ec.getW().getAffineX().bitLength() <= 248 || ec.getW().getAffineY().bitLength() <= 248;
            String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + fixedLength(ec.getW().getAffineX(), 32)
                    + "\",\"y\":\"" + fixedLength(ec.getW().getAffineY(), 32) + "\"}";
            assertEquals(thumbprint(canonical), jwk.get("kid"));
        }
        assertTrue(sawShortCoordinate, "no key with a short coordinate was generated; padding went untested");
    }

    @Test
    void a_token_signed_by_the_key_set_verifies_with_the_rsa_key_rebuilt_from_the_jwks_alone() throws Exception {
        SigningKeys keys = SigningKeys.load(auth("RS256"));
        Map<String, String> jwk = jwks(keys).get(0);
        var rebuilt = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, fromBase64Url(jwk.get("n"))), new BigInteger(1, fromBase64Url(jwk.get("e")))));

        String token = JWT.create().withSubject("someone").sign(keys.algorithm());

        assertEquals(jwk.get("kid"), JWT.decode(token).getKeyId());
        assertEquals("someone", JWT.require(Algorithm.RSA256(rebuilt, null)).build().verify(token).getSubject());
    }

    @Test
    void a_token_signed_by_the_key_set_verifies_with_the_ec_key_rebuilt_from_the_jwks_alone() throws Exception {
        SigningKeys keys = SigningKeys.load(auth("ES256"));
        Map<String, String> jwk = jwks(keys).get(0);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var p256 = ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
        var rebuilt = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger(1, fromBase64Url(jwk.get("x"))), new BigInteger(1, fromBase64Url(jwk.get("y")))), p256));

        String token = JWT.create().withSubject("someone").sign(keys.algorithm());

        assertEquals(jwk.get("kid"), JWT.decode(token).getKeyId());
        assertEquals("someone", JWT.require(Algorithm.ECDSA256(rebuilt, null)).build().verify(token).getSubject());
    }

    @Test
    void with_several_key_files_the_first_signs_and_all_are_published_for_verification() throws IOException {
        Path old = dir.resolve("old.pem");
        SigningKeys before = SigningKeys.load(auth("RS256", "auth.signing-key-files", old.toString()));
        String oldToken = JWT.create().withSubject("earlier").sign(before.algorithm());

        SigningKeys rotated = SigningKeys.load(auth("RS256", "auth.signing-key-files", dir.resolve("new.pem") + "," + old));

        List<Map<String, String>> published = jwks(rotated);
        assertEquals(2, published.size());
        assertEquals(published.get(0).get("kid"), rotated.algorithm().getSigningKeyId());
        assertEquals(jwks(before).get(0), published.get(1));
        assertNotEquals(published.get(0).get("kid"), published.get(1).get("kid"));
        assertEquals("earlier", JWT.require(rotated.algorithm()).build().verify(oldToken).getSubject(),
                "tokens of the previous key stay valid after rotation");
    }

    @Test
    void hs256_publishes_no_keys_and_writes_no_files() throws IOException {
        SigningKeys keys = SigningKeys.load(auth("HS256", "auth.hmac-secret", "0123456789abcdef0123456789abcdef"));

        assertEquals(List.of(), jwks(keys));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void a_corrupt_pem_is_a_config_error_naming_the_key_files_setting() throws IOException {
        Path file = dir.resolve("signing-key.pem");
        String pem = SigningKey.generate("RSA").toPem();
        // Damage the base64 inside the private key block.
        Files.writeString(file, pem.replaceFirst("(?s)(PRIVATE KEY-----\n.{40}).{30}", "$1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));

        ConfigException e = assertThrows(ConfigException.class, () -> SigningKeys.load(auth("RS256")));

        assertTrue(e.getMessage().startsWith("config auth.signing-key-files=" + file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void an_empty_or_truncated_key_file_is_refused_rather_than_replaced() throws IOException {
        Path file = dir.resolve("signing-key.pem");
        Files.writeString(file, "");

        ConfigException empty = assertThrows(ConfigException.class, () -> SigningKeys.load(auth("RS256")));
        Files.writeString(file, SigningKey.generate("RSA").toPem().substring(0, 900));
        ConfigException truncated = assertThrows(ConfigException.class, () -> SigningKeys.load(auth("RS256")));

        assertTrue(empty.getMessage().startsWith("config auth.signing-key-files=" + file), empty.getMessage());
        assertTrue(truncated.getMessage().startsWith("config auth.signing-key-files=" + file), truncated.getMessage());
        assertTrue(Files.readString(file).length() == 900);
    }

    @Test
    void an_rsa_key_file_under_es256_is_refused() throws IOException {
        SigningKeys.load(auth("RS256"));

        ConfigException e = assertThrows(ConfigException.class, () -> SigningKeys.load(auth("ES256")));

        assertTrue(e.getMessage().startsWith("config auth.signing-key-files="), e.getMessage());
    }

    @Test
    void a_public_key_that_does_not_belong_to_the_private_key_is_refused() throws IOException {
        String one = SigningKey.generate("RSA").toPem();
        String other = SigningKey.generate("RSA").toPem();
        String privateOfOne = one.substring(0, one.indexOf("-----BEGIN PUBLIC KEY-----"));
        String publicOfOther = other.substring(other.indexOf("-----BEGIN PUBLIC KEY-----"));
        Files.writeString(dir.resolve("signing-key.pem"), privateOfOne + publicOfOther);

        ConfigException e = assertThrows(ConfigException.class, () -> SigningKeys.load(auth("RS256")));

        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void an_rsa_key_shorter_than_2048_bits_is_refused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();
        Files.writeString(dir.resolve("signing-key.pem"), pem("PRIVATE KEY", weak.getPrivate().getEncoded())
                + pem("PUBLIC KEY", weak.getPublic().getEncoded()));

        ConfigException e = assertThrows(ConfigException.class, () -> SigningKeys.load(auth("RS256")));

        assertTrue(e.getMessage().contains("2048"), e.getMessage());
    }

    @Test
    void an_ec_key_on_another_curve_than_p256_is_refused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = generator.generateKeyPair();
        Files.writeString(dir.resolve("signing-key.pem"), pem("PRIVATE KEY", p384.getPrivate().getEncoded())
                + pem("PUBLIC KEY", p384.getPublic().getEncoded()));

        ConfigException e = assertThrows(ConfigException.class, () -> SigningKeys.load(auth("ES256")));

        assertTrue(e.getMessage().contains("P-256"), e.getMessage());
    }

    @Test
    void a_pem_written_and_read_back_is_the_same_key() {
        SigningKey key = SigningKey.generate("EC");

        SigningKey read = SigningKey.fromPem(key.toPem(), "EC");

        assertEquals(key.kid(), read.kid());
        assertArrayEquals(key.privateKey().getEncoded(), read.privateKey().getEncoded());
    }

    @Test
    void instances_starting_together_on_a_shared_directory_all_use_the_same_signing_key() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path shared = dir.resolve("round" + round);
            Config.Auth settings = ConfigLoader.load(Map.of("data.dir", shared.toString(),
                    "auth.signing-algorithm", "ES256"), Map.of()).auth();

            List<String> kids = KeyFilesTest.concurrently(4, () -> SigningKeys.load(settings).algorithm().getSigningKeyId());

            assertEquals(1, kids.stream().distinct().count(), "round " + round + ": " + kids);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
