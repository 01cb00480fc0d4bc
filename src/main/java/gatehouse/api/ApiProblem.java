package gatehouse.api;

import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * A request the API answers with a problem document of its own: a status, a message key of the bundles
 * (translated when answered), optionally the JSON field it concerns and extra response headers.
 */
public final class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String messageKey;
    private final Object[] arguments;
    private final String field;
    private final String fieldMessageKey;
    private final Map<String, String> headers;

    private ApiProblem(HttpStatus status, String messageKey, Object[] arguments, String field, String fieldMessageKey,
                       Map<String, String> headers) {
        super(status.getCode() + " " + messageKey + (field == null ? "" : " (" + field + ")"));
        this.status = status;
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
        this.field = field;
        this.fieldMessageKey = fieldMessageKey;
        this.headers = Map.copyOf(headers);
    }

    /** A problem about the request as a whole. */
    public static ApiProblem of(HttpStatus status, String messageKey, Object... arguments) {
        return new ApiProblem(status, messageKey, arguments, null, null, Map.of());
    }

    /** A problem about one JSON field or query parameter, listed in {@code errors}. */
    public static ApiProblem field(HttpStatus status, String messageKey, String field, String fieldMessageKey,
                                   Object... arguments) {
        return new ApiProblem(status, messageKey, arguments, field, fieldMessageKey, Map.of());
    }

    /** A 401 with the {@code WWW-Authenticate} challenge that RFC 9110 requires on every 401. */
    public static ApiProblem unauthorized(String messageKey, String challenge) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, messageKey, new Object[0], null, null,
                Map.of("WWW-Authenticate", challenge));
    }

    public HttpStatus status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    /** The JSON field (or query parameter) at fault, or null. */
    public String field() {
        return field;
    }

    public String fieldMessageKey() {
        return fieldMessageKey;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
