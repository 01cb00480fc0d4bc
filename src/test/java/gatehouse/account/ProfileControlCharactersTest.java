package gatehouse.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.domain.Role;
import gatehouse.testing.Html;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.web.Languages;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Control characters and bidirectional overrides are refused in profile fields, with a field message. */
class ProfileControlCharactersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> signup(String name, String nickname) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", "mallory");
        form.put("password", TestApp.PASSWORD);
        form.put("passwordConfirm", TestApp.PASSWORD);
        form.put("name", name);
        form.put("nickname", nickname);
        form.put("gender", "UNDISCLOSED");
        return form;
    }

    @Test
    void a_right_to_left_override_or_a_nul_in_a_name_gets_a_field_error_in_both_languages() {
        try (TestApp app = TestApp.h2()) {
            TestClient english = app.client();
            english.get("/signup");
            TestClient.Response en = english.postForm("/signup", signup("admin\u202Enimda", "nick\u0000name"));

            assertEquals(422, en.status());
            String message = new Languages().text("en").get("error.text.control");
            assertEquals(message, Html.textOf(en.body(), "name-error").orElseThrow());
            assertEquals(message, Html.textOf(en.body(), "nickname-error").orElseThrow());
            assertTrue(app.users().findByUsername("mallory").isEmpty(), "nothing stored");

            TestClient korean = app.client();
            korean.get("/signup", "Accept-Language", "ko");
            TestClient.Response ko = korean.postForm("/signup", signup("Mallory", "\u001B[31mred"), "Accept-Language", "ko");
            assertEquals(new Languages().text("ko").get("error.text.control"),
                    Html.textOf(ko.body(), "nickname-error").orElseThrow());
        }
    }

    @Test
    void the_api_refuses_them_too_while_an_introduction_keeps_its_line_breaks() throws Exception {
        try (TestApp app = TestApp.h2()) {
            app.createMember("alice", Role.MEMBER);
            TestClient api = app.client();
            String access = JSON.readTree(api.json("POST", "/api/v1/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + TestApp.PASSWORD + "\"}").body()).path("accessToken").asText();

            TestClient.Response refused = api.json("PATCH", "/api/v1/me",
                    JSON.writeValueAsString(Map.of("introduction", "hi\u2066there\u2069")), "Authorization", "Bearer " + access);
            assertEquals(422, refused.status(), refused.body());
            JsonNode error = JSON.readTree(refused.body()).path("errors").get(0);
            assertEquals("introduction", error.path("field").asText());

            TestClient.Response lines = api.json("PATCH", "/api/v1/me",
                    JSON.writeValueAsString(Map.of("introduction", "line one\nline two")), "Authorization", "Bearer " + access);
            assertEquals(200, lines.status(), lines.body());
        }
    }
}
