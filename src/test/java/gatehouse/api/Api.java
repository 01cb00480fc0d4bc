package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A JSON API client over a whole {@link TestApp}. It keeps every response body it sees; on close it scans
 * them with {@link LeakScan} against the hashes in the database and fails the test on any finding, so
 * every API test also checks that no hash or stack trace ever leaves the server.
 */
final class Api implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final TestApp app;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String[]> bodies = Collections.synchronizedList(new ArrayList<>());

    private Api(TestApp app) {
        this.app = app;
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

    /** A response with its body parsed when it is JSON. */
    record Reply(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        /** The {@code field} names of a problem's {@code errors} list. */
        List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }

        /** Asserts a problem+json answer with this status, whose instance is the request id. */
        Reply assertProblem(int expected) {
            assertEquals(expected, status, body);
            assertTrue(contentType().startsWith("application/problem+json"), contentType());
            JsonNode problem = json();
            assertEquals(expected, problem.path("status").asInt(), body);
            assertEquals(header("X-Request-Id").orElseThrow(), problem.path("instance").asText());
            assertTrue(!problem.path("title").asText().isEmpty() && !problem.path("detail").asText().isEmpty(), body);
            return this;
        }
    }

    /** Tokens from a login. */
    record Tokens(String access, String refresh) {}

    /** Sends {@code method} with {@code json} (as application/json unless the headers name a Content-Type). */
    Reply send(String method, String path, String json, String... headerPairs) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        boolean typed = false;
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            if (headerPairs[i + 1] == null) {
                continue;
            }
            builder.header(headerPairs[i], headerPairs[i + 1]);
            typed |= headerPairs[i].equalsIgnoreCase("Content-Type");
        }
        if (json != null && !typed) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            record(method + " " + path + " -> " + response.statusCode(), response.body());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, String accessToken) {
        return send("GET", path, null, "Authorization", bearer(accessToken));
    }

    Reply post(String path, String json) {
        return send("POST", path, json);
    }

    Reply call(String method, String path, String json, String accessToken) {
        return send(method, path, json, "Authorization", bearer(accessToken));
    }

    /** Keeps a body seen through another client (a browser's {@link TestClient}) for the scan. */
    TestClient.Response record(String label, TestClient.Response response) {
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
        Reply reply = post("/api/v1/auth/login", json("username", username, "password", password));
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

    int recordedCount() {
        return bodies.size();
    }

    /** The token hashes the database holds now. */
    List<String> storedHashes() {
        return app.jdbi().withHandle(h -> {
            List<String> hashes = new ArrayList<>(h.createQuery("SELECT token_hash FROM refresh_tokens").mapTo(String.class).list());
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
