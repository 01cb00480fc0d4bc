package gatehouse.secondfactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.testing.Html;
import gatehouse.testing.Oathtool;
import gatehouse.testing.TestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A member who turned the second factor on through the settings page, the way a person does: read the
 * secret shown beside the QR code, let the authenticator (oathtool) compute the code, type it in.
 */
record Enrolled(String secret, List<String> recoveryCodes) {
    private static final Pattern RECOVERY_CODE = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>");

    static Enrolled through(TestClient client, Clock clock) {
        TestClient.Response page = client.get("/me/second-factor");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("<svg") && page.body().contains("id=\"qr-code\""), "the QR code is on the page");
        String secret = Html.textOf(page.body(), "secret").orElseThrow();
        String sealed = Html.attribute(Html.tagWithId(page.body(), "enrolment").orElseThrow(), "value").orElseThrow();
        TestClient.Response done = client.postForm("/me/second-factor",
                Map.of("enrolment", sealed, "code", Oathtool.code(secret, clock.instant())));
        assertEquals(200, done.status(), done.body());
        List<String> codes = new ArrayList<>();
        Matcher m = RECOVERY_CODE.matcher(done.body());
        while (m.find()) {
            codes.add(m.group(1));
        }
        assertEquals(10, codes.size(), done.body());
        return new Enrolled(secret, codes);
    }

    String codeAt(Clock clock) {
        return Oathtool.code(secret, clock.instant());
    }

    /** The claims of a JWT, read without verifying (the server verified it; the test only looks). */
    static JsonNode claims(String jwt) {
        try {
            return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
