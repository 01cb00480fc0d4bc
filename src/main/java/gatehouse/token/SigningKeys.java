package gatehouse.token;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.ECDSAKeyProvider;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import gatehouse.config.Config;
import gatehouse.config.ConfigException;
import gatehouse.config.SigningAlgorithm;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active key set: the first configured key signs, every key verifies (so keys can be rotated by
 * adding a new first file). Missing files are generated on first start.
 */
public final class SigningKeys {
    private static final String FILES_KEY = "auth.signing-key-files";

    private final SigningAlgorithm algorithmName;
    private final Map<String, SigningKey> byKid;
    private final SigningKey signer;
    private final Algorithm algorithm;

    private SigningKeys(SigningAlgorithm algorithmName, List<SigningKey> keys, byte[] hmacSecret) {
        this.algorithmName = algorithmName;
        this.byKid = new LinkedHashMap<>();
        keys.forEach(key -> byKid.put(key.kid(), key));
        this.signer = keys.isEmpty() ? null : keys.get(0);
        this.algorithm = switch (algorithmName) {
            case RS256 -> Algorithm.RSA256(new RsaKeys());
            case ES256 -> Algorithm.ECDSA256(new EcKeys());
            case HS256 -> Algorithm.HMAC256(hmacSecret);
        };
    }

    /** Loads (or, when absent, generates) the keys that {@code auth} names. */
    public static SigningKeys load(Config.Auth auth) {
        SigningAlgorithm name = auth.signingAlgorithm();
        if (name == SigningAlgorithm.HS256) {
            return new SigningKeys(name, List.of(), auth.hmacSecret().getBytes(StandardCharsets.UTF_8));
        }
        String keyType = name == SigningAlgorithm.RS256 ? "RSA" : "EC";
        List<SigningKey> keys = auth.signingKeyFiles().stream().map(file -> loadOrCreate(file, keyType)).toList();
        return of(name, keys);
    }

    /** A key set made from key pairs in memory; the first one signs. */
    public static SigningKeys of(SigningAlgorithm name, List<SigningKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one key");
        }
        return new SigningKeys(name, keys, null);
    }

    /** Looks keys up by the token's {@code kid}; an unknown kid yields null and java-jwt rejects the token. */
    private final class RsaKeys implements RSAKeyProvider {
        public RSAPublicKey getPublicKeyById(String kid) {
            return (RSAPublicKey) publicKey(kid);
        }

        public RSAPrivateKey getPrivateKey() {
            return (RSAPrivateKey) signer.privateKey();
        }

        public String getPrivateKeyId() {
            return signer.kid();
        }
    }

    private final class EcKeys implements ECDSAKeyProvider {
        public ECPublicKey getPublicKeyById(String kid) {
            return (ECPublicKey) publicKey(kid);
        }

        public ECPrivateKey getPrivateKey() {
            return (ECPrivateKey) signer.privateKey();
        }

        public String getPrivateKeyId() {
            return signer.kid();
        }
    }

    private static SigningKey loadOrCreate(Path file, String keyType) {
        try {
            if (!Files.exists(file)) {
                SigningKey key = SigningKey.generate(keyType);
                if (KeyFiles.writeOwnerOnly(file, key.toPem())) {
                    return key;
                }
                // Another instance created the file in the meantime: use its key, as every instance must.
            }
            return SigningKey.fromPem(KeyFiles.read(file), keyType);
        } catch (UncheckedIOException e) {
            throw new ConfigException(FILES_KEY, file.toString(), KeyFiles.reason(e.getCause()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FILES_KEY, file.toString(), e.getMessage());
        }
    }

    private PublicKey publicKey(String kid) {
        SigningKey key = kid == null ? null : byKid.get(kid);
        return key == null ? null : key.publicKey();
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** The JWKS document: every verifying public key (none for HS256, whose secret is never published). */
    public Map<String, Object> jwks() {
        return Map.of("keys", byKid.values().stream().map(key -> key.publicJwk(algorithmName.name())).toList());
    }
}
