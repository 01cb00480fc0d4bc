package gatehouse.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gatehouse.domain.Role;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** User names are compared exactly after lower-casing, not through the database's collation. */
class ExactUserNameTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void only_the_same_letters_log_in_as_alice(String database) {
        try (TestApp app = TestApp.builder().database(database).start()) {
            app.createMember("alice", Role.MEMBER);
            for (String twin : new String[] {"ålice", "ＡＬＩＣＥ", "ａｌｉｃｅ", "alicé", "alice\u00a0x"}) {
                TestClient client = app.client();
                client.get("/login");
                TestClient.Response response = client.postForm("/login", Map.of("username", twin, "password", TestApp.PASSWORD));
                assertEquals(401, response.status(), twin + " must not log in as alice");
            }
            assertEquals(303, app.client().logIn("ALICE", TestApp.PASSWORD).status(), "the documented lower-casing");
            assertEquals("alice", app.services().logins().checkPassword(" Alice ", TestApp.PASSWORD, "127.0.0.1").orElseThrow().username());
        }
    }
}
