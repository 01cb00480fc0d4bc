package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.testing.TestClient.Response;
import gatehouse.domain.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A whole {@link TestApp} called through its JSON API with a cookie-less {@link TestClient}. It keeps every
 * response body it sees; on close it scans them with {@link LeakScan} against the hashes in the database and
 * fails the test on any finding, so every API test also checks that no hash or stack trace ever leaves the server.
 */
final class Api implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final TestApp app;
    private final TestClient client;
    private final List<String[]> bodies = Collections.synchronizedList(new ArrayList<>());

    private Api(TestApp app) {
        this.app = app;
        this.client = TestClient.withoutCookies(app.baseUrl());
    }

    static Api start() {
        return new Api(TestApp.h2());
    }

    static Api start(UnaryOperator<TestApp.Builder> options) {
        return new Api(options.apply(TestApp.builder()).start());
    }

    TestApp app() {
        return app;
    }

    /** Tokens from a login. */
    record Tokens(String access, String refresh) {}

    /** Sends {@code method} with {@code json} (as application/json unless the headers name a Content-Type). */
    Response send(String method, String path, String json, String... headerPairs) {
        return record(method + " " + path, client.json(method, path, json, headerPairs));
    }

    Response get(String path, String accessToken) {
        return send("GET", path, null, "Authorization", bearer(accessToken));
    }

    Response post(String path, String json) {
        return send("POST", path, json);
    }

    Response call(String method, String path, String json, String accessToken) {
        return send(method, path, json, "Authorization", bearer(accessToken));
    }

    /** Keeps a body for the scan: every answer to this API client, and those a browser's {@link TestClient} saw. */
    Response record(String label, Response response) {
        record(label + " -> " + response.status(), response.body());
        return response;
    }

    private void record(String label, String body) {
        bodies.add(new String[] {label, body == null ? "" : body});
    }

    static String bearer(String token) {
        return token == null ? null : "Bearer " + token;
    }

    /** Creates a member with {@link TestApp#PASSWORD} and logs in through the API. */
    Tokens member(String username, Role role) {
        app.createMember(username, role);
        return login(username, TestApp.PASSWORD);
    }

    /** Logs in; a member with an enrolled second factor answers the challenge with a code computed here. */
    Tokens login(String username, String password) {
        Response reply = post("/api/v1/auth/login", json("username", username, "password", password));
        assertEquals(200, reply.status(), reply.body());
        if (reply.json().path("secondFactorRequired").asBoolean()) {
            reply = post("/api/v1/auth/login/second-factor",
                    json("challenge", reply.text("challenge"), "code", app.secondFactorCode(username)));
            assertEquals(200, reply.status(), reply.body());
        }
        return new Tokens(reply.text("accessToken"), reply.text("refreshToken"));
    }

    /** A JSON object from name/value pairs (values: String, Boolean, Number or null). */
    static String json(Object... pairs) {
        var node = JSON.createObjectNode();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            node.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
        }
        return node.toString();
    }

    /** The token hashes the database holds now. */
    List<String> storedHashes() {
        return app.jdbi().withHandle(h -> {
            List<String> hashes = new ArrayList<>(h.createQuery("SELECT token_hash FROM refresh_tokens").mapTo(String.class).list());
            hashes.addAll(h.createQuery("SELECT secret_hash FROM oauth_clients WHERE secret_hash IS NOT NULL").mapTo(String.class).list());
            h.createQuery("SELECT current_hash, previous_hash FROM sessions").map((rs, ctx) -> {
                hashes.add(rs.getString(1));
                if (rs.getString(2) != null) {
                    hashes.add(rs.getString(2));
                }
                return 0;
            }).list();
            return hashes;
        });
    }

    @Override
    public void close() {
        try {
            List<String> findings = LeakScan.findings(List.copyOf(bodies), storedHashes());
            assertTrue(findings.isEmpty(), "responses leaked: " + findings);
        } finally {
            app.close();
        }
    }
}
