package gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP client of the tests. As a browser stand-in: its own cookie jar, no redirect following, and the CSRF
 * token of the last HTML page remembered so that form posts carry it like a browser would. As an API client
 * ({@link #withoutCookies}): JSON calls with a bearer token and nothing remembered between them.
 */
public final class TestClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Function<String, String> secondFactorCodes;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    public TestClient(String baseUrl) {
        this(baseUrl, username -> null);
    }

    /** @param secondFactorCodes the code that answers a member's second login step (null: the member has none) */
    public TestClient(String baseUrl, Function<String, String> secondFactorCodes) {
        this(baseUrl, secondFactorCodes, true);
    }

    private TestClient(String baseUrl, Function<String, String> secondFactorCodes, boolean keepsCookies) {
        this.baseUrl = baseUrl;
        this.secondFactorCodes = secondFactorCodes;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        this.http = (keepsCookies ? builder.cookieHandler(cookies) : builder).build();
    }

    /** A client that keeps no cookies, as an app or a script calling the JSON API does. */
    public static TestClient withoutCookies(String baseUrl) {
        return new TestClient(baseUrl, username -> null, false);
    }

    /** A response, with helpers for what tests look at. */
    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public List<String> headers(String name) {
            return headers.allValues(name);
        }

        /** The Set-Cookie header for {@code name}, if this response set it. */
        public Optional<String> setCookie(String name) {
            return headers("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst();
        }

        public String location() {
            return header("Location").orElse(null);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        /** The body as JSON; fails the test when it is not. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** A text field of the JSON body, or null when absent or null. */
        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        /** The {@code field} names of a problem's {@code errors} list. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }

        /** Asserts a problem+json answer with this status, whose instance is the request id. */
        public Response assertProblem(int expected) {
            assertEquals(expected, status, body);
            assertTrue(contentType().startsWith("application/problem+json"), contentType());
            JsonNode problem = json();
            assertEquals(expected, problem.path("status").asInt(), body);
            assertEquals(header("X-Request-Id").orElseThrow(), problem.path("instance").asText());
            assertTrue(!problem.path("title").asText().isEmpty() && !problem.path("detail").asText().isEmpty(), body);
            return this;
        }
    }

    public Response get(String path, String... headerPairs) {
        return send(request(path, headerPairs).GET());
    }

    /** Posts a form; adds the remembered {@code _csrf} unless the fields name one (use "" to send none). */
    public Response postForm(String path, Map<String, String> fields, String... headerPairs) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (!all.containsKey("_csrf")) {
            all.put("_csrf", csrfToken());
        } else if (all.get("_csrf") == null) {
            all.remove("_csrf");
        }
        String body = all.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path, headerPairs)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts {@code body} as {@code contentType} with no CSRF token: what a server-side client sends. */
    public Response post(String path, String contentType, String body, String... headerPairs) {
        return send(request(path, headerPairs).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Sends {@code method} with a JSON body (or none when null), as application/json unless the headers name a
     * Content-Type. A header whose value is null is not sent.
     */
    public Response json(String method, String path, String json, String... headerPairs) {
        HttpRequest.Builder builder = request(path, headerPairs).header("Accept", "application/json");
        boolean typed = false;
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            typed |= headerPairs[i].equalsIgnoreCase("Content-Type") && headerPairs[i + 1] != null;
        }
        if (json != null && !typed) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * Logs in through the form and, like a browser, loads the page it is sent to; returns the login response.
     * When the login asks for a second factor and the member has one enrolled, answers it as a person with the
     * phone would, and returns the second step's response.
     */
    public Response logIn(String username, String password) {
        get("/login");
        Response response = postForm("/login", Map.of("username", username, "password", password));
        String code = "/login/second-factor".equals(response.location()) ? secondFactorCodes.apply(username) : null;
        if (code != null) {
            get(response.location());
            response = postForm("/login/second-factor", Map.of("code", code));
        }
        if (response.status() == 303 && response.location() != null && response.location().startsWith("/")) {
            // As a browser would: the next page's forms carry the logged-in session's token.
            get(response.location());
        }
        return response;
    }

    /** The CSRF token of the last page seen, fetching the login page first when no page was seen. */
    public String csrfToken() {
        if (csrf == null) {
            get("/login");
        }
        return csrf;
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name) && !c.getValue().isEmpty())
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Puts a cookie into the jar, as a browser holding an old or forged value would. */
    public void setCookie(String name, String value) {
        removeCookie(name);
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(baseUrl), cookie);
    }

    public void removeCookie(String name) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().remove(null, c));
        cookies.getCookieStore().getURIs().forEach(uri -> cookies.getCookieStore().get(uri).stream()
                .filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().remove(uri, c)));
    }

    private HttpRequest.Builder request(String path, String... headerPairs) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            if (headerPairs[i + 1] != null) {
                builder.header(headerPairs[i], headerPairs[i + 1]);
            }
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(response.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
