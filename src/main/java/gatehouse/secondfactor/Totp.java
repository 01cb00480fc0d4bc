package gatehouse.secondfactor;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Authenticator-app codes as RFC 6238 defines them and every app reads them: HMAC-SHA-1, 6 digits,
 * 30-second steps (the HOTP of java-otp with the step as counter). A code is checked against the step
 * before, at and after now (a phone's clock drifts), and only for a step after the last one used.
 */
public final class Totp {
    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** 160 bits, the length RFC 4226 recommends and that fills one SHA-1 block's worth of key. */
    static final int SECRET_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HmacOneTimePasswordGenerator hotp = new HmacOneTimePasswordGenerator(DIGITS);

    public static long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The secret as authenticator apps take it when typed: Base32 without padding. */
    public static String base32(byte[] secret) {
        return new Base32().encodeAsString(secret).replace("=", "");
    }

    /** The {@code otpauth://totp/} URI that authenticator apps read from the QR code. */
    public static String uri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    /** The code for one time step, with its leading zeros. */
    public String codeAt(byte[] secret, long step) {
        try {
            int code = hotp.generateOneTimePassword(new SecretKeySpec(secret, "RAW"), step);
            return String.format("%0" + DIGITS + "d", code);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The step whose code {@code code} is, among the step before, at and after {@code now}, if it is later
     * than {@code lastUsedStep} (null when none was used yet).
     */
    public OptionalLong matchingStep(byte[] secret, String code, Instant now, Long lastUsedStep) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = stepAt(now);
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        for (long step = current - 1; step <= current + 1; step++) {
            boolean fresh = lastUsedStep == null || step > lastUsedStep;
            if (fresh && MessageDigest.isEqual(given, codeAt(secret, step).getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
