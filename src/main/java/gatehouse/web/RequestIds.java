package gatehouse.web;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Gives every request an id, sent as {@code X-Request-Id}, written in the log and shown on error pages. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "gatehouse.requestId";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    public static void assign(Context ctx) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
