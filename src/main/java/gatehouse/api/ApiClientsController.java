package gatehouse.api;

import gatehouse.oidc.ClientRequest;
import gatehouse.oidc.ClientView;
import gatehouse.oidc.Clients;
import gatehouse.domain.ActionRefused;
import gatehouse.web.Auth;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;

/** {@code /api/v1/admin/clients}: the OpenID Connect client registry of {@link Clients}, as JSON. */
public final class ApiClientsController {
    private final Clients clients;
    private final JsonBody body;

    public ApiClientsController(Clients clients, JsonBody body) {
        this.clients = clients;
        this.body = body;
    }

    public void register(Context ctx) throws IOException {
        var request = body.read(ctx, ClientRequest.class);
        var registered = clients.register(Auth.member(ctx).userId(), request, ctx.ip());
        ctx.status(HttpStatus.CREATED).header("Location", Paths.apiClient(registered.client().clientId()))
                .json(ClientView.of(registered.client(), registered.clientSecret()));
    }

    public void list(Context ctx) {
        ctx.json(clients.list().stream().map(ClientView::of).toList());
    }

    public void show(Context ctx) {
        ctx.json(ClientView.of(clients.find(ctx.pathParam("clientId")).orElseThrow(ActionRefused::noSuchClient)));
    }

    public void delete(Context ctx) {
        clients.delete(Auth.member(ctx).userId(), ctx.pathParam("clientId"), ctx.ip());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    public void rotateSecret(Context ctx) {
        var rotated = clients.rotateSecret(Auth.member(ctx).userId(), ctx.pathParam("clientId"), ctx.ip());
        ctx.json(ClientView.of(rotated.client(), rotated.clientSecret()));
    }
}
