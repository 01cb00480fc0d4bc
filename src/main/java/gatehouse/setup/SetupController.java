package gatehouse.setup;

import gatehouse.domain.ValidationException;
import gatehouse.web.Pages;
import gatehouse.web.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.Map;

/** {@code /setup?token=…}: the first administrator from the browser; a 404 to everyone once one exists. */
public final class SetupController {
    private final FirstAdministrator firstAdministrator;
    private final Pages pages;

    public SetupController(FirstAdministrator firstAdministrator, Pages pages) {
        this.firstAdministrator = firstAdministrator;
        this.pages = pages;
    }

    public void show(Context ctx) {
        String token = ctx.queryParam("token");
        if (!firstAdministrator.isOpen(token)) {
            throw new NotFoundResponse();
        }
        pages.render(ctx, new SetupPage(token, "", Map.of()));
    }

    public void create(Context ctx) {
        String token = ctx.formParam("token");
        String username = ctx.formParam("username");
        try {
            var admin = firstAdministrator.create(token, username, ctx.formParam("password"),
                    ctx.formParam("passwordConfirm"), ctx.ip());
            if (admin.isEmpty()) {
                throw new NotFoundResponse();
            }
            pages.message(ctx, HttpStatus.OK, "setup.done.title", "setup.done.message", Paths.LOGIN, "setup.done.link",
                    admin.get().username());
        } catch (ValidationException e) {
            pages.render(ctx, HttpStatus.UNPROCESSABLE_CONTENT,
                    new SetupPage(token, username == null ? "" : username.strip(), pages.fieldErrors(ctx, e, "")));
        }
    }
}
