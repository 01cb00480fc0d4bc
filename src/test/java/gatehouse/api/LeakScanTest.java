package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.session.RefreshTokens;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scanner that every {@link Api} test runs on close does find what it looks for. */
class LeakScanTest {
    private static final String STORED = RefreshTokens.hash("some refresh token");

    private static List<String> scan(String body) {
        return LeakScan.findings(List.<String[]>of(new String[] {"GET /x -> 200", body}), List.of(STORED));
    }

    @Test
    void clean_bodies_pass() {
        assertEquals(List.of(), scan("{\"username\":\"alice\",\"instance\":\"0123456789abcdef\"}"));
    }

    @Test
    void a_bcrypt_hash_is_found() {
        assertEquals(1, scan("{\"h\":\"$2a$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234\"}").size());
    }

    @Test
    void a_stored_token_hash_is_found_in_either_case_but_other_hex_is_not() {
        assertEquals(1, scan("{\"x\":\"" + STORED + "\"}").size());
        assertEquals(1, scan("{\"x\":\"" + STORED.toUpperCase() + "\"}").size());
        assertEquals(List.of(), scan("{\"x\":\"" + "ab".repeat(32) + "\"}"));
    }

    @Test
    void the_hash_of_a_refresh_token_handed_out_counts_even_when_its_session_is_gone() {
        String token = "handed-out-token";
        var findings = LeakScan.findings(List.of(
                new String[] {"POST /login -> 200", "{\"refreshToken\":\"" + token + "\"}"},
                new String[] {"GET /leak -> 200", "{\"h\":\"" + RefreshTokens.hash(token) + "\"}"}), List.of());
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).startsWith("GET /leak"));
    }

    @Test
    void stack_traces_and_exception_names_are_found() {
        assertEquals(1, scan("java.lang.IllegalStateException: boom").size());
        assertEquals(1, scan("{\"detail\":\"x\\n\\tat gatehouse.App.create(App.java:1)\"}").size());
        assertEquals(1, scan("boom\n\tat gatehouse.App.create(App.java:1)").size());
    }
}
