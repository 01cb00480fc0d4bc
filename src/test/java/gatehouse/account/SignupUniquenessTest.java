package gatehouse.account;

import static gatehouse.testing.TestApp.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.testing.Html;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.web.Languages;
import gatehouse.web.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One user name, one member: on H2 and MariaDB, in both cases of letters and under a race. */
class SignupUniquenessTest {
    private static final Text EN = new Languages().text("en");

    static Map<String, String> form(String username, String nickname) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", PASSWORD);
        form.put("passwordConfirm", PASSWORD);
        form.put("name", "Alice Kim");
        form.put("nickname", nickname);
        form.put("gender", "UNDISCLOSED");
        form.put("privacyConsent", "true");
        return form;
    }

    static TestClient.Response signUp(TestApp app, Map<String, String> form) {
        TestClient client = app.client();
        client.get("/signup");
        return client.postForm("/signup", form);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_user_name_taken_in_other_letter_case_is_a_field_error(String database) {
        try (TestApp app = TestApp.builder().database(database).start()) {
            assertEquals(303, signUp(app, form("Alice", "first")).status());

            TestClient.Response second = signUp(app, form("alice", "second"));

            assertEquals(422, second.status());
            assertEquals(Map.of("username", EN.get("error.username.taken")), SignupFieldsTest.errorsIn(second.body()));
            String tag = Html.tagWithId(second.body(), "username").orElseThrow();
            assertEquals("true", Html.attribute(tag, "aria-invalid").orElseThrow());
            assertEquals("alice", Html.attribute(tag, "value").orElseThrow());
            assertEquals(1, count(app, "users"));
            assertEquals(1, count(app, "profiles"));
            assertEquals("first", app.jdbi().withHandle(h -> h.createQuery("SELECT nickname FROM profiles")
                    .mapTo(String.class).one()));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void of_twenty_parallel_sign_ups_for_one_name_exactly_one_succeeds(String database) throws Exception {
        int racers = 20;
        try (TestApp app = TestApp.builder().database(database).start()) {
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                TestClient client = app.client();
                client.get("/signup");
                clients.add(client);
            }
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TestClient.Response>> results = new ArrayList<>();
            try {
                for (int i = 0; i < racers; i++) {
                    TestClient client = clients.get(i);
                    // Mixed case on purpose: the names only collide after lower-casing.
                    Map<String, String> form = form(i % 2 == 0 ? "RaceWinner" : "racewinner", "racer" + i);
                    results.add(pool.submit(() -> {
                        start.await();
                        return client.postForm("/signup", form);
                    }));
                }
                start.countDown();
                int succeeded = 0;
                int taken = 0;
                for (Future<TestClient.Response> result : results) {
                    TestClient.Response response = result.get();
                    if (response.status() == 303) {
                        succeeded++;
                    } else {
                        assertEquals(422, response.status(), response.body());
                        assertEquals(Map.of("username", EN.get("error.username.taken")),
                                SignupFieldsTest.errorsIn(response.body()));
                        taken++;
                    }
                }
                assertEquals(1, succeeded);
                assertEquals(racers - 1, taken);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, count(app, "users"));
            assertEquals(1, count(app, "profiles"));
            assertEquals(1, count(app, "credentials"));
            String winnerId = app.users().findByUsername("racewinner").orElseThrow().id().toString();
            assertEquals(winnerId, app.jdbi().withHandle(h -> h.createQuery("SELECT user_id FROM profiles").mapTo(String.class).one()));
            assertEquals(winnerId, app.jdbi().withHandle(h -> h.createQuery("SELECT user_id FROM credentials").mapTo(String.class).one()));
            assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_events WHERE type = 'SIGNUP'")
                    .mapTo(Integer.class).one()));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void korean_and_emoji_text_at_the_length_limits_is_stored_whole(String database) {
        try (TestApp app = TestApp.builder().database(database).start()) {
            Map<String, String> form = form("unicode", "🌵".repeat(30));
            form.put("name", "김".repeat(25) + "🦊".repeat(25));
            form.put("introduction", "🎻".repeat(100) + "한".repeat(100));
            form.put("password", "🐙🦊🌵🎻🚲🧭🍋🪁🦉🌋🎈🧩");
            form.put("passwordConfirm", form.get("password"));

            assertEquals(303, signUp(app, form).status());

            User user = app.users().findByUsername("unicode").orElseThrow();
            Profile profile = app.users().profile(user.id()).orElseThrow();
            assertEquals(form.get("name"), profile.name());
            assertEquals(form.get("nickname"), profile.nickname());
            assertEquals(form.get("introduction"), profile.introduction());
            assertTrue(app.client().logIn("unicode", form.get("password")).status() == 303, "the emoji password logs in");
        }
    }

    static int count(TestApp app, String table) {
        // The table name comes from the test's own constants, never from input.
        return app.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }
}
