package gatehouse.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.UUID;

/** Ids taken from paths and queries: anything but a UUID names nothing, so it is a 404, never a 500. */
public final class Uuids {
    private Uuids() {}

    /** The UUID {@code value} spells in canonical form, or null. */
    public static UUID parse(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The path parameter {@code name} as a UUID; throws 404 when it is not one. */
    public static UUID pathParam(Context ctx, String name) {
        UUID id = parse(ctx.pathParam(name));
        if (id == null) {
            throw new NotFoundResponse();
        }
        return id;
    }
}
