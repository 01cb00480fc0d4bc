package gatehouse.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import gatehouse.domain.Role;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;

/** Passwords are NFKC-normalised before hashing: one password, however the keyboard composed it. */
class PasswordNormalisationTest {
    private static final String COMPOSED = Normalizer.normalize("Ünïcödé-Pässwörd-Zebra-42", Normalizer.Form.NFC);
    private static final String DECOMPOSED = Normalizer.normalize(COMPOSED, Normalizer.Form.NFD);
    private static final String NEXT = Normalizer.normalize("Ångström-Kettle-Piano-77", Normalizer.Form.NFC);

    @Test
    void a_password_signed_up_composed_logs_in_decomposed_and_changes_with_either() {
        try (TestApp app = TestApp.h2()) {
            var profile = new ProfileForm("Nora", "nora", "", "", "", "UNDISCLOSED", true);
            app.accounts().signUp(new SignupForm("nora", COMPOSED, COMPOSED, profile), "127.0.0.1");
            assertNotEquals(COMPOSED, DECOMPOSED);

            TestClient browser = app.client();
            assertEquals(303, browser.logIn("nora", DECOMPOSED).status(), "typed decomposed (NFD)");
            browser.get("/me/edit");
            TestClient.Response changed = browser.postForm("/me/password", Map.of("currentPassword", DECOMPOSED,
                    "newPassword", Normalizer.normalize(NEXT, Normalizer.Form.NFD), "newPasswordConfirm", NEXT));

            assertEquals(303, changed.status(), changed.body());
            assertEquals(303, app.client().logIn("nora", NEXT).status(), "the new password, typed composed");
        }
    }

    @Test
    void a_hash_made_before_normalisation_still_matches_as_typed_and_is_made_again() throws Exception {
        try (TestApp app = TestApp.h2()) {
            User olga = app.createMember("olga", Role.MEMBER);
            // As the previous version hashed it: the peppered pre-hash of the password exactly as typed.
            Mac mac = Mac.getInstance("HmacSHA384");
            mac.init(new SecretKeySpec(app.pepper(), "HmacSHA384"));
            String prehash = Base64.getEncoder().encodeToString(mac.doFinal(DECOMPOSED.getBytes(StandardCharsets.UTF_8)));
            String oldHash = BCrypt.hashpw(prehash, BCrypt.gensalt(4));
            app.users().replaceHash(olga.id(), oldHash);

            assertEquals(303, app.client().logIn("olga", DECOMPOSED).status());

            assertNotEquals(oldHash, app.users().credentials(olga.id()).orElseThrow().passwordHash(), "made again, normalised");
            assertEquals(303, app.client().logIn("olga", COMPOSED).status());
        }
    }
}
