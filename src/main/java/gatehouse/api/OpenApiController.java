package gatehouse.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3.1 description of {@code /api/v1}, a resource file kept in step with the routes by a test. */
public final class OpenApiController {
    static final String RESOURCE = "/openapi/openapi.json";

    private final byte[] document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void show(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
