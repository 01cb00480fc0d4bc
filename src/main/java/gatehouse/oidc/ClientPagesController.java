package gatehouse.oidc;

import gatehouse.web.Auth;
import gatehouse.web.Pages;
import gatehouse.web.Text;
import gatehouse.domain.ValidationException;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /admin/clients}: administrators register, re-key and delete client applications (the API's pages). */
public final class ClientPagesController {
    private final Clients clients;
    private final Pages pages;

    public ClientPagesController(Clients clients, Pages pages) {
        this.clients = clients;
        this.pages = pages;
    }

    public void list(Context ctx) {
        pages.render(ctx, ClientsPage.of(clients.list()));
    }

    public void register(Context ctx) {
        var form = new ClientRequest(ctx.formParam("name"), ctx.formParam("type"), lines(ctx.formParam("redirectUris")),
                lines(ctx.formParam("postLogoutRedirectUris")), ctx.formParams("scopes"),
                ctx.formParam("alwaysIssueRefreshToken") != null);
        try {
            var registered = clients.register(Auth.member(ctx).userId(), form, ctx.ip());
            showSecret(ctx, HttpStatus.CREATED, registered);
        } catch (ValidationException e) {
            Text t = pages.text(ctx);
            Map<String, String> errors = new LinkedHashMap<>();
            e.fieldErrors().forEach((field, key) -> errors.put(field, t.get(key)));
            pages.render(ctx, HttpStatus.UNPROCESSABLE_CONTENT,
                    new ClientsPage(clients.list(), form, errors, null, null));
        }
    }

    public void rotateSecret(Context ctx) {
        showSecret(ctx, HttpStatus.OK, clients.rotateSecret(Auth.member(ctx).userId(), ctx.pathParam("clientId"), ctx.ip()));
    }

    public void delete(Context ctx) {
        clients.delete(Auth.member(ctx).userId(), ctx.pathParam("clientId"), ctx.ip());
        ctx.redirect(Paths.ADMIN_CLIENTS, HttpStatus.SEE_OTHER);
    }

    /** The secret is on this one response only: it is never stored in the clear, so it cannot be shown again. */
    private void showSecret(Context ctx, HttpStatus status, Clients.Registered registered) {
        var page = ClientsPage.of(clients.list());
        pages.render(ctx, status, new ClientsPage(page.clients(), page.form(), Map.of(),
                registered.client().clientId(), registered.clientSecret()));
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
