package gatehouse.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One asymmetric signing key pair with its JWK form; the {@code kid} is its RFC 7638 thumbprint. */
public record SigningKey(String kid, PrivateKey privateKey, PublicKey publicKey) {

    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    /** A fresh RSA 2048 or P-256 key pair. */
    public static SigningKey generate(String keyType) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
            if (keyType.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            KeyPair pair = generator.generateKeyPair();
            return of(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + keyType + " key", e);
        }
    }

    static SigningKey of(PrivateKey privateKey, PublicKey publicKey) {
        return new SigningKey(thumbprint(publicKey), privateKey, publicKey);
    }

    /** PKCS#8 private key and X.509 public key blocks in one PEM text. */
    public String toPem() {
        return block("PRIVATE KEY", privateKey.getEncoded()) + block("PUBLIC KEY", publicKey.getEncoded());
    }

    /** Reads the text written by {@link #toPem()}. */
    public static SigningKey fromPem(String pem, String keyType) {
        byte[] privateBytes = null;
        byte[] publicBytes = null;
        Matcher m = PEM_BLOCK.matcher(pem);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY" -> privateBytes = der;
                case "PUBLIC KEY" -> publicBytes = der;
                default -> { }
            }
        }
        if (privateBytes == null || publicBytes == null) {
            throw new IllegalArgumentException("a PRIVATE KEY and a PUBLIC KEY block are both needed");
        }
        SigningKey key;
        try {
            KeyFactory factory = KeyFactory.getInstance(keyType);
            key = of(factory.generatePrivate(new PKCS8EncodedKeySpec(privateBytes)),
                    factory.generatePublic(new X509EncodedKeySpec(publicBytes)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an " + keyType + " key pair (" + e.getClass().getSimpleName() + ")");
        }
        key.checkStrengthAndPairing();
        return key;
    }

    /**
     * Refuses keys weaker than the generated ones, and a public key that does not belong to the private
     * key: tokens would be signed with one key and published with another.
     */
    private void checkStrengthAndPairing() {
        String signature;
        if (publicKey instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("an RSA key needs at least 2048 bits, this one has " + rsa.getModulus().bitLength());
            }
            if (privateKey instanceof RSAPrivateCrtKey crt) {
                checkRsaPairing(rsa, crt);
                return;
            }
            signature = "SHA256withRSA";
        } else if (publicKey instanceof ECPublicKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("an EC key must be on the P-256 curve");
            }
            signature = "SHA256withECDSA";
        } else {
            throw new IllegalArgumentException("unsupported key " + publicKey.getAlgorithm());
        }
        try {
            byte[] probe = kid.getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(signature);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signed = signer.sign();
            Signature verifier = Signature.getInstance(signature);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(signed)) {
                throw new IllegalArgumentException("the PUBLIC KEY block does not belong to the PRIVATE KEY block");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key pair cannot sign (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The pairing and the soundness of an RSA key from its numbers, as a probe signature would find them
     * but without one: a first RSA signature in a cold JVM took a tenth of the start. The public key is the
     * private key's (n, e); n = pq; the CRT exponents invert e modulo p-1 and q-1; qInv inverts q modulo p.
     */
    private static void checkRsaPairing(RSAPublicKey rsa, RSAPrivateCrtKey crt) {
        BigInteger e = crt.getPublicExponent();
        BigInteger p = crt.getPrimeP();
        BigInteger q = crt.getPrimeQ();
        if (!rsa.getModulus().equals(crt.getModulus()) || !rsa.getPublicExponent().equals(e)) {
            throw new IllegalArgumentException("the PUBLIC KEY block does not belong to the PRIVATE KEY block");
        }
        boolean sound = p.multiply(q).equals(crt.getModulus())
                && e.multiply(crt.getPrimeExponentP()).mod(p.subtract(BigInteger.ONE)).equals(BigInteger.ONE)
                && e.multiply(crt.getPrimeExponentQ()).mod(q.subtract(BigInteger.ONE)).equals(BigInteger.ONE)
                && q.multiply(crt.getCrtCoefficient()).mod(p).equals(BigInteger.ONE);
        if (!sound) {
            throw new IllegalArgumentException("the key pair cannot sign (inconsistent RSA private key)");
        }
    }

    /** The public JWK members, as published at {@code /.well-known/jwks.json}. */
    public Map<String, String> publicJwk(String algorithm) {
        Map<String, String> jwk = new LinkedHashMap<>(requiredMembers(publicKey));
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", algorithm);
        return jwk;
    }

    /** The members RFC 7638 hashes, in its lexicographic order. */
    private static Map<String, String> requiredMembers(PublicKey key) {
        Map<String, String> members = new LinkedHashMap<>();
        if (key instanceof RSAPublicKey rsa) {
            members.put("e", base64Url(unsigned(rsa.getPublicExponent(), 0)));
            members.put("kty", "RSA");
            members.put("n", base64Url(unsigned(rsa.getModulus(), 0)));
        } else if (key instanceof ECPublicKey ec) {
            members.put("crv", "P-256");
            members.put("kty", "EC");
            members.put("x", base64Url(unsigned(ec.getW().getAffineX(), 32)));
            members.put("y", base64Url(unsigned(ec.getW().getAffineY(), 32)));
        } else {
            throw new IllegalArgumentException("unsupported key " + key.getAlgorithm());
        }
        return members;
    }

    private static String thumbprint(PublicKey key) {
        StringBuilder json = new StringBuilder("{");
        requiredMembers(key).forEach((name, value) ->
                json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":\"").append(value).append('"'));
        json.append('}');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return base64Url(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Big-endian bytes without the sign byte, left-padded to {@code length} when given. */
    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (length > bytes.length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            return padded;
        }
        return bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
