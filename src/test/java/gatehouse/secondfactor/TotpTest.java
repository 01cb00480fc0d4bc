package gatehouse.secondfactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.testing.Oathtool;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The codes are RFC 6238's, agree with oathtool, allow one step of drift and never the same step twice. */
class TotpTest {
    /** RFC 6238 appendix B's SHA-1 seed. */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private final Totp totp = new Totp();

    @Test
    void codes_match_the_rfc_6238_sha1_test_vectors() {
        // The RFC lists 8 digits; 6-digit codes are their last six (both are the same number mod 10^n).
        long[] times = {59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L};
        String[] eightDigits = {"94287082", "07081804", "14050471", "89005924", "69279037", "65353130"};
        for (int i = 0; i < times.length; i++) {
            long step = Totp.stepAt(Instant.ofEpochSecond(times[i]));
            assertEquals(eightDigits[i].substring(2), totp.codeAt(RFC_SECRET, step), "T=" + times[i]);
        }
    }

    @Test
    void codes_agree_with_oathtool_for_a_generated_secret() {
        byte[] secret = Totp.newSecret();
        String base32 = Totp.base32(secret);
        for (long t : new long[] {0L, 1_700_000_000L, 1_900_000_029L, 1_900_000_030L}) {
            Instant at = Instant.ofEpochSecond(t);
            assertEquals(Oathtool.code(base32, at), totp.codeAt(secret, Totp.stepAt(at)), "t=" + t);
        }
    }

    @Test
    void one_step_either_side_is_accepted_and_the_next_but_one_is_not() {
        byte[] secret = Totp.newSecret();
        Instant now = Instant.parse("2030-01-01T00:00:10Z");
        long step = Totp.stepAt(now);
        for (long drift = -1; drift <= 1; drift++) {
            assertEquals(OptionalLong.of(step + drift), totp.matchingStep(secret, totp.codeAt(secret, step + drift), now, null));
        }
        assertTrue(totp.matchingStep(secret, totp.codeAt(secret, step + 2), now, null).isEmpty(), "next-but-one window");
        assertTrue(totp.matchingStep(secret, totp.codeAt(secret, step - 2), now, null).isEmpty(), "two steps old");
    }

    @Test
    void a_step_at_or_before_the_last_used_one_is_refused() {
        byte[] secret = Totp.newSecret();
        Instant now = Instant.parse("2030-01-01T00:00:10Z");
        long step = Totp.stepAt(now);
        assertTrue(totp.matchingStep(secret, totp.codeAt(secret, step), now, step).isEmpty(), "the same step again");
        assertTrue(totp.matchingStep(secret, totp.codeAt(secret, step - 1), now, step).isEmpty(), "an older step");
        assertEquals(OptionalLong.of(step + 1), totp.matchingStep(secret, totp.codeAt(secret, step + 1), now, step));
    }

    @Test
    void the_uri_is_the_standard_otpauth_form_with_issuer_and_account() {
        byte[] secret = Totp.newSecret();
        assertEquals("otpauth://totp/Gatehouse:alice%20b?secret=" + Totp.base32(secret)
                + "&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30", Totp.uri("Gatehouse", "alice b", secret));
        assertTrue(Totp.base32(secret).matches("[A-Z2-7]{32}"), Totp.base32(secret));
    }
}
