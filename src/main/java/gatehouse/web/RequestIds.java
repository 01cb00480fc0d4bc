package gatehouse.web;

import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id, sent as {@code X-Request-Id}, written in the log and shown on error pages.
 * The id only has to tell requests apart, not resist guessing: a per-thread generator, not one
 * {@code SecureRandom} that every request thread would queue for.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "gatehouse.requestId";

    private RequestIds() {}

    public static void assign(Context ctx) {
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
