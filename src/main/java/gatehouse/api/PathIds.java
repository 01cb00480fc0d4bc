package gatehouse.api;

import gatehouse.web.Uuids;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.UUID;

/** Reads a UUID path parameter; anything that is not one names no resource, so it is a 404. */
final class PathIds {
    private PathIds() {}

    static UUID of(Context ctx, String name, String notFoundKey) {
        UUID id = Uuids.parse(ctx.pathParam(name));
        if (id == null) {
            throw ApiProblem.of(HttpStatus.NOT_FOUND, notFoundKey);
        }
        return id;
    }
}
