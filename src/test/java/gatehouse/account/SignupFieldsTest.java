package gatehouse.account;

import static gatehouse.testing.TestApp.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.testing.Html;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.web.Languages;
import gatehouse.web.Text;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of every sign-up field, accepted and rejected, through the form as a browser posts it.
 * One app serves the whole matrix (each case signs up its own user name): starting ~80 apps would
 * only measure start-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignupFieldsTest {
    /** Fixed "now" so that birthday boundaries do not move with the day the tests run. */
    private static final Instant NOW = Instant.parse("2030-06-15T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    private static final Text EN = new Languages().text("en");

    private final AtomicInteger serial = new AtomicInteger();
    private final MutableClock clock = new MutableClock(NOW);
    private TestApp app;

    @BeforeAll
    void start() {
        app = TestApp.builder().clock(clock).start();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    /** A fresh valid user name that no password below contains. */
    private String freshName() {
        return "user" + serial.incrementAndGet() + "x" + UUID.randomUUID().toString().substring(0, 6);
    }

    private Map<String, String> valid(String username) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", PASSWORD);
        form.put("passwordConfirm", PASSWORD);
        form.put("name", "Kim Minji");
        form.put("nickname", "minji");
        form.put("introduction", "");
        form.put("phone", "");
        form.put("birthday", "");
        form.put("gender", "UNDISCLOSED");
        form.put("privacyConsent", "true");
        return form;
    }

    private TestClient.Response post(Map<String, String> form) {
        TestClient client = app.client();
        assertEquals(200, client.get("/signup").status());
        return client.postForm("/signup", form);
    }

    private TestClient.Response postWith(String field, String value) {
        Map<String, String> form = valid(field.equals("username") ? value : freshName());
        if (field.equals("password")) {
            form.put("passwordConfirm", value == null ? "" : value);
        }
        if (value == null) {
            form.remove(field);
        } else {
            form.put(field, value);
        }
        return post(form);
    }

    static String repeat(String unit, int times) {
        return unit.repeat(times);
    }

    /** A strong password of exactly {@code length} code points. */
    static String strongPassword(int length) {
        String source = "Qv7!mZr2#Lw9$kTx4%Hb6&Np3*Gd8@Fs5^Jc1(Yt0)Ue";
        StringBuilder out = new StringBuilder();
        for (int i = 0; out.length() < length; i++) {
            out.append(source.charAt((i * 7) % source.length()));
        }
        return out.toString();
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("username", "abcd"),
                Arguments.of("username", "a234567890b234567890"),
                Arguments.of("username", "a_b.c-9"),
                Arguments.of("password", strongPassword(12)),
                Arguments.of("password", strongPassword(128)),
                Arguments.of("password", "푸른바다위에떠있는작은배"),
                Arguments.of("password", "🐙🦊🌵🎻🚲🧭🍋🪁🦉🌋🎈🧩"),
                Arguments.of("password", "correct horse battery staple"),
                Arguments.of("name", "J"),
                Arguments.of("name", repeat("n", 50)),
                Arguments.of("name", repeat("김", 50)),
                Arguments.of("name", repeat("🦊", 50)),
                Arguments.of("nickname", "m"),
                Arguments.of("nickname", repeat("k", 30)),
                Arguments.of("nickname", repeat("🌵", 30)),
                Arguments.of("introduction", ""),
                Arguments.of("introduction", repeat("i", 200)),
                Arguments.of("introduction", repeat("한", 200)),
                Arguments.of("introduction", repeat("🎻", 200)),
                Arguments.of("phone", ""),
                Arguments.of("phone", "+82 10-1234-5678"),
                Arguments.of("phone", repeat("1", 20)),
                Arguments.of("birthday", ""),
                Arguments.of("birthday", "1900-01-01"),
                Arguments.of("birthday", "2000-02-29"),
                Arguments.of("birthday", TODAY.toString()),
                Arguments.of("gender", "FEMALE"),
                Arguments.of("gender", "MALE"),
                Arguments.of("gender", "UNDISCLOSED"),
                Arguments.of("gender", ""),
                Arguments.of("privacyConsent", null));
    }

    @ParameterizedTest(name = "{0} = \"{1}\" is accepted")
    @MethodSource("accepted")
    void a_valid_value_is_accepted(String field, String value) {
        TestClient.Response response = postWith(field, value);
        assertEquals(303, response.status(), () -> field + " rejected: " + errorsIn(response.body()));
        assertEquals("/login", response.location(), "success leads to the login page");
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("username", null, "error.username.required"),
                Arguments.of("username", "", "error.username.required"),
                Arguments.of("username", "abc", "error.username.invalid"),
                Arguments.of("username", "a234567890b234567890c", "error.username.invalid"),
                Arguments.of("username", "ali ce", "error.username.invalid"),
                Arguments.of("username", "alice!", "error.username.invalid"),
                Arguments.of("username", "ali@ce", "error.username.invalid"),
                Arguments.of("username", "ålice", "error.username.invalid"),
                Arguments.of("username", "민지민지", "error.username.invalid"),
                Arguments.of("username", "al/ice", "error.username.invalid"),
                Arguments.of("password", null, "error.password.required"),
                Arguments.of("password", strongPassword(11), "error.password.short"),
                Arguments.of("password", strongPassword(129), "error.password.long"),
                // 11 emoji are 22 UTF-16 units: the rule counts characters, not units.
                Arguments.of("password", "🐙🦊🌵🎻🚲🧭🍋🪁🦉🌋🎈", "error.password.short"),
                Arguments.of("password", "password1234", "error.password.weak"),
                Arguments.of("password", "aaaaaaaaaaaaaaaa", "error.password.weak"),
                Arguments.of("password", "qwertyuiop123", "error.password.weak"),
                Arguments.of("password", "iloveyou12345", "error.password.weak"),
                Arguments.of("name", null, "error.name.required"),
                Arguments.of("name", "   ", "error.name.required"),
                Arguments.of("name", repeat("n", 51), "error.name.long"),
                Arguments.of("name", repeat("🦊", 51), "error.name.long"),
                Arguments.of("nickname", "", "error.nickname.required"),
                Arguments.of("nickname", repeat("k", 31), "error.nickname.long"),
                Arguments.of("introduction", repeat("i", 201), "error.introduction.long"),
                Arguments.of("phone", "010-abcd-5678", "error.phone.invalid"),
                Arguments.of("phone", "(010) 1234", "error.phone.invalid"),
                Arguments.of("phone", repeat("1", 21), "error.phone.invalid"),
                Arguments.of("phone", "010.1234.5678", "error.phone.invalid"),
                Arguments.of("birthday", "2000/01/01", "error.birthday.format"),
                Arguments.of("birthday", "01-01-2000", "error.birthday.format"),
                Arguments.of("birthday", "2000-13-01", "error.birthday.format"),
                Arguments.of("birthday", "2001-02-29", "error.birthday.format"),
                Arguments.of("birthday", "yesterday", "error.birthday.format"),
                Arguments.of("birthday", TODAY.plusDays(2).toString(), "error.birthday.future"),
                Arguments.of("birthday", "2999-01-01", "error.birthday.future"),
                Arguments.of("birthday", "1899-12-31", "error.birthday.early"),
                Arguments.of("gender", "OTHER", "error.gender.invalid"),
                Arguments.of("gender", "F", "error.gender.invalid"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\" is rejected with {2}")
    @MethodSource("rejected")
    void an_invalid_value_is_rejected_beside_its_field(String field, String value, String messageKey) {
        TestClient.Response response = postWith(field, value);

        assertEquals(422, response.status());
        assertEquals(Map.of(field, EN.get(messageKey)), errorsIn(response.body()));
        String tag = fieldTag(response.body(), field);
        assertEquals("true", Html.attribute(tag, "aria-invalid").orElse(null), tag);
        assertEquals(field + "-error", Html.attribute(tag, "aria-describedby").orElse(null), tag);
    }

    @Test
    void a_password_that_contains_the_user_name_is_rejected() {
        String username = "marigold" + serial.incrementAndGet();
        Map<String, String> form = valid(username);
        form.put("password", "Sunny-" + username.toUpperCase() + "-river-77");
        form.put("passwordConfirm", form.get("password"));

        TestClient.Response response = post(form);

        assertEquals(422, response.status());
        assertEquals(Map.of("password", EN.get("error.password.personal")), errorsIn(response.body()));
    }

    @Test
    void a_password_that_contains_the_nickname_is_rejected() {
        Map<String, String> form = valid(freshName());
        form.put("nickname", "Starlight");
        form.put("password", "my-starlight-over-seoul-42");
        form.put("passwordConfirm", form.get("password"));

        TestClient.Response response = post(form);

        assertEquals(422, response.status());
        assertEquals(Map.of("password", EN.get("error.password.personal")), errorsIn(response.body()));
    }

    @Test
    void a_confirmation_that_differs_is_rejected_on_the_confirmation_field() {
        Map<String, String> form = valid(freshName());
        form.put("passwordConfirm", PASSWORD + "x");

        TestClient.Response response = post(form);

        assertEquals(422, response.status());
        assertEquals(Map.of("passwordConfirm", EN.get("error.password.mismatch")), errorsIn(response.body()));
        String tag = fieldTag(response.body(), "passwordConfirm");
        assertEquals("true", Html.attribute(tag, "aria-invalid").orElse(null));
        assertEquals("passwordConfirm-error", Html.attribute(tag, "aria-describedby").orElse(null));
    }

    @Test
    void upper_case_user_names_are_stored_lower_case() {
        String entered = "MiXeD" + serial.incrementAndGet();

        assertEquals(303, post(valid(entered)).status());

        assertTrue(app.users().findByUsername(entered.toLowerCase()).isPresent());
        assertTrue(app.client().logIn(entered.toUpperCase(), PASSWORD).status() == 303, "login ignores case too");
    }

    @Test
    void every_field_is_stored_as_entered_with_the_time_of_consent() {
        String username = freshName();
        Map<String, String> form = valid(username);
        form.put("name", "  Kim Minji  ");
        form.put("nickname", "민지");
        form.put("introduction", "Hello <b>there</b> & welcome");
        form.put("phone", "+82 10-1234-5678");
        form.put("birthday", "1995-04-03");
        form.put("gender", "female");
        form.put("privacyConsent", "true");

        TestClient client = app.client();
        client.get("/signup");
        TestClient.Response response = client.postForm("/signup", form);

        assertEquals(303, response.status(), "post/redirect/get: a reload cannot send the sign-up twice");
        assertEquals("/login", response.location());
        TestClient.Response login = client.get(response.location());
        assertTrue(Html.unescape(login.body()).contains(EN.format("notice.welcome", "민지")), "welcome notice with the nickname");
        assertTrue(login.body().contains("value=\"" + username + "\""), "the user name is filled in");
        assertFalse(Html.unescape(client.get("/login").body()).contains(EN.format("notice.welcome", "민지")), "shown once");
        User user = app.users().findByUsername(username).orElseThrow();
        Profile profile = app.users().profile(user.id()).orElseThrow();
        assertEquals(new Profile(user.id(), "Kim Minji", "민지", "Hello <b>there</b> & welcome", "+82 10-1234-5678",
                LocalDate.of(1995, 4, 3), Gender.FEMALE, true, NOW), profile);
        assertEquals(NOW, user.createdAt());
        Credentials credentials = app.users().credentials(user.id()).orElseThrow();
        assertTrue(credentials.passwordHash().startsWith("$2a$04$"), "bcrypt at the configured cost");
        assertFalse(credentials.passwordHash().contains(PASSWORD));
    }

    @Test
    void without_consent_nothing_is_recorded_as_given() {
        String username = freshName();
        Map<String, String> form = valid(username);
        form.remove("privacyConsent");

        assertEquals(303, post(form).status());

        User user = app.users().findByUsername(username).orElseThrow();
        Profile profile = app.users().profile(user.id()).orElseThrow();
        assertFalse(profile.privacyConsent());
        assertNull(profile.privacyConsentAt());
        assertEquals(Gender.UNDISCLOSED, profile.gender());
        assertNull(profile.introduction());
        assertNull(profile.phone());
        assertNull(profile.birthday());
    }

    @Test
    void a_rejected_form_comes_back_with_the_entered_values_but_never_the_passwords() {
        String secret = "Secret-Glacier-Orchid-55";
        Map<String, String> form = valid("Bad User");
        form.put("password", secret);
        form.put("passwordConfirm", secret);
        form.put("name", "Kim \"Minji\" <Lee>");
        form.put("nickname", "민지");
        form.put("introduction", "I like <tea> & cake");
        form.put("phone", "010 1234 5678");
        form.put("birthday", "1990-01-02");
        form.put("gender", "MALE");
        form.put("privacyConsent", "true");

        TestClient.Response response = post(form);

        assertEquals(422, response.status());
        String body = response.body();
        assertEquals(Map.of("username", EN.get("error.username.invalid")), errorsIn(body));
        assertEquals("Bad User", value(body, "username"));
        assertEquals("Kim \"Minji\" <Lee>", value(body, "name"));
        assertEquals("민지", value(body, "nickname"));
        assertEquals("I like <tea> & cake", Html.textOf(body, "introduction").orElse(null));
        assertEquals("010 1234 5678", value(body, "phone"));
        assertEquals("1990-01-02", value(body, "birthday"));
        assertTrue(body.matches("(?s).*<input type=\"radio\" name=\"gender\" value=\"MALE\" checked[\\s>].*"), "gender stays chosen");
        assertTrue(body.matches("(?s).*<input type=\"checkbox\" name=\"privacyConsent\" value=\"true\" checked>.*"),
                "consent stays ticked");
        assertFalse(body.contains(secret), "the password never comes back");
        assertEquals("", value(body, "password"));
        assertEquals("", value(body, "passwordConfirm"));
        assertFalse(body.contains("<tea>"), "entered text is escaped");
        for (String good : new String[] {"name", "nickname", "phone", "birthday", "password"}) {
            assertEquals("false", Html.attribute(fieldTag(body, good), "aria-invalid").orElse(null), good);
        }
        assertTrue(app.users().findByUsername("bad user").isEmpty());
    }

    @Test
    void several_wrong_fields_are_all_marked_at_once() {
        Map<String, String> form = valid("x");
        form.put("password", "short");
        form.put("passwordConfirm", "other");
        form.put("name", "");
        form.put("nickname", repeat("k", 31));
        form.put("introduction", repeat("i", 201));
        form.put("phone", "call me");
        form.put("birthday", "soon");
        form.put("gender", "ROBOT");

        TestClient.Response response = post(form);

        assertEquals(422, response.status());
        Map<String, String> errors = errorsIn(response.body());
        assertEquals(Map.of(
                "username", EN.get("error.username.invalid"),
                "password", EN.get("error.password.short"),
                "passwordConfirm", EN.get("error.password.mismatch"),
                "name", EN.get("error.name.required"),
                "nickname", EN.get("error.nickname.long"),
                "introduction", EN.get("error.introduction.long"),
                "phone", EN.get("error.phone.invalid"),
                "birthday", EN.get("error.birthday.format"),
                "gender", EN.get("error.gender.invalid")), errors);
        for (String field : errors.keySet()) {
            String tag = fieldTag(response.body(), field);
            assertEquals("true", Html.attribute(tag, "aria-invalid").orElse(null), field);
            assertEquals(field + "-error", Html.attribute(tag, "aria-describedby").orElse(null), field);
        }
    }

    @Test
    void the_korean_form_explains_errors_in_korean() {
        TestClient client = app.client();
        client.get("/signup", "Accept-Language", "ko-KR,ko;q=0.9");
        Map<String, String> form = valid("abc");

        TestClient.Response response = client.postForm("/signup", form, "Accept-Language", "ko-KR,ko;q=0.9");

        assertEquals(422, response.status());
        Text ko = new Languages().text("ko");
        assertEquals(Map.of("username", ko.get("error.username.invalid")), errorsIn(response.body()));
        assertFalse(ko.get("error.username.invalid").equals(EN.get("error.username.invalid")));
    }

    /** The opening tag that carries a field's aria attributes: the input, the textarea, or the gender fieldset. */
    private static String fieldTag(String body, String field) {
        if (field.equals("gender")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<fieldset[^>]*>").matcher(body);
            while (m.find()) {
                if (m.group().contains("gender")) {
                    return m.group();
                }
            }
            throw new AssertionError("no gender fieldset in " + body);
        }
        Optional<String> tag = Html.tagWithId(body, field);
        assertTrue(tag.isPresent(), () -> "no element with id " + field);
        return tag.get();
    }

    private static String value(String body, String field) {
        return Html.attribute(fieldTag(body, field), "value").orElse("");
    }

    /** Field name to message, from the {@code id="FIELD-error"} elements of the page. */
    static Map<String, String> errorsIn(String body) {
        Map<String, String> errors = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"([A-Za-z]+)-error\"[^>]*>(.*?)<", java.util.regex.Pattern.DOTALL)
                .matcher(body);
        while (m.find()) {
            errors.put(m.group(1), Html.unescape(m.group(2)).strip());
        }
        return errors;
    }
}
