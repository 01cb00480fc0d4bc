package gatehouse.secondfactor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ten one-time codes for when the phone is lost: {@code xxxxx-xxxxx} from an alphabet without look-alike
 * characters (about 49 bits each). Stored as HMAC-SHA-256 under a key derived from the pepper, so a copy of
 * the database alone does not allow guessing them offline.
 */
public final class RecoveryCodes {
    public static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public RecoveryCodes(byte[] rootSecret) {
        this.key = new SecretKeySpec(SecretBox.derive(rootSecret, "gatehouse recovery-code key v1"), "HmacSHA256");
    }

    /** A new set, as shown to the member once. */
    public List<String> newSet() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < LENGTH; c++) {
                if (c == LENGTH / 2) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** Whether the input has the shape of a recovery code (after dropping spaces and dashes, any case). */
    public static boolean looksLikeOne(String input) {
        String normal = normalize(input);
        return normal.length() == LENGTH && normal.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    /** The keyed hash that is stored; the same for any spacing, dashes or case of the typed code. */
    public String hash(String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalize(code).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalize(String input) {
        return input == null ? "" : input.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }
}
