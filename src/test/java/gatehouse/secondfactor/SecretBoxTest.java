package gatehouse.secondfactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Sealed values open only with the same key, label and context, and are never the same twice. */
class SecretBoxTest {
    private static final byte[] ROOT = "a root secret of thirty-two bytes".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN = "twenty bytes secret!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void a_sealed_value_opens_with_its_context_only() {
        SecretBox box = new SecretBox(ROOT, "test");
        String sealed = box.seal(PLAIN, "member-1");
        assertArrayEquals(PLAIN, box.open(sealed, "member-1").orElseThrow());
        assertTrue(box.open(sealed, "member-2").isEmpty(), "copied to another member's row");
        assertNotEquals(sealed, box.seal(PLAIN, "member-1"), "a fresh nonce each time");
    }

    @Test
    void another_label_or_root_or_an_altered_value_does_not_open() {
        String sealed = new SecretBox(ROOT, "test").seal(PLAIN, "c");
        assertTrue(new SecretBox(ROOT, "other").open(sealed, "c").isEmpty());
        assertTrue(new SecretBox("another root secret of 32 bytes!".getBytes(StandardCharsets.US_ASCII), "test")
                .open(sealed, "c").isEmpty());
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertTrue(new SecretBox(ROOT, "test").open(altered, "c").isEmpty());
        assertTrue(new SecretBox(ROOT, "test").open("not base64 !", "c").isEmpty());
    }
}
