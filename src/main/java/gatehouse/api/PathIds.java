package gatehouse.api;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import java.util.UUID;

/** Reads a UUID path parameter; anything that is not one names no resource, so it is a 404. */
final class PathIds {
    private PathIds() {}

    static UUID of(Context ctx, String name, String notFoundKey) {
        String text = ctx.pathParam(name);
        try {
            UUID id = UUID.fromString(text);
            // UUID.fromString also accepts short forms such as 1-2-3-4-5; only the canonical form names an id.
            if (id.toString().equals(text.toLowerCase(Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException notAUuid) {
            // Falls through to 404.
        }
        throw ApiProblem.of(HttpStatus.NOT_FOUND, notFoundKey);
    }
}
