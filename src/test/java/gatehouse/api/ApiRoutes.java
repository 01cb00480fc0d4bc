package gatehouse.api;

import gatehouse.domain.Role;
import io.javalin.Javalin;
import io.javalin.security.Roles;
import java.util.Comparator;
import java.util.List;

/** The {@code /api/v1} routes a running app has registered, read from Javalin's router. */
final class ApiRoutes {
    /** One route: method in lower case as OpenAPI writes it, path as registered, its declared role. */
    record Route(String method, String path, Role role) {
        /** The path with every {@code {param}} replaced by {@code value}. */
        String with(String value) {
            return path.replaceAll("\\{[^}]+}", value);
        }
    }

    private ApiRoutes() {}

    static List<Route> of(Javalin app) {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(endpoint -> endpoint.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod() && endpoint.path.startsWith("/api/v1/"))
                .map(endpoint -> new Route(endpoint.method.name().toLowerCase(), endpoint.path, roleOf(endpoint)))
                .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
                .toList();
    }

    private static Role roleOf(io.javalin.router.Endpoint endpoint) {
        Roles roles = endpoint.metadata(Roles.class);
        if (roles == null || roles.getRoles().size() != 1) {
            throw new AssertionError(endpoint.method + " " + endpoint.path + " declares no single role");
        }
        return (Role) roles.getRoles().iterator().next();
    }
}
