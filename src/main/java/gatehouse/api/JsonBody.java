package gatehouse.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads an API request body into a request record with the one Jackson configuration, stricter still:
 * a JSON body only (415 otherwise), one value with nothing after it, no field given twice. Jackson's
 * own exceptions go on to {@link ApiErrors}, which names the field at fault; the body size limit
 * ({@code http.maxRequestSize}) is enforced by Javalin while reading (413).
 */
public final class JsonBody {
    private final ObjectMapper json;

    public JsonBody(ObjectMapper json) {
        this.json = json;
    }

    public <T> T read(Context ctx, Class<T> type) throws IOException {
        if (!isJson(ctx.contentType())) {
            throw ApiProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "api.contentType");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "api.body.empty");
        }
        T value = json.readerFor(type)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Two "role" keys would leave it to the parser which one counts.
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .readValue(body);
        if (value == null) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "api.body.object");
        }
        return value;
    }

    /** {@code application/json}, or a {@code +json} type such as {@code application/merge-patch+json}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }
}
