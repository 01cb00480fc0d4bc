package gatehouse.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.domain.ActionRefused;
import gatehouse.domain.Busy;
import gatehouse.domain.MemberGone;
import gatehouse.domain.TooManyAttempts;
import gatehouse.domain.ValidationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the message page (pages) or problem+json ({@code /api/}). The client sees a
 * short text and the request id, never a stack trace; the log has the rest under the same id.
 */
public final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private final Pages pages;
    private final ObjectMapper json;
    private final Cookies cookies;

    public Errors(Pages pages, ObjectMapper json, Cookies cookies) {
        this.pages = pages;
        this.json = json;
        this.cookies = cookies;
    }

    public void register(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage(), e));
        routes.exception(CsrfRejected.class, (e, ctx) -> pages.message(ctx, HttpStatus.FORBIDDEN, "error.403.title",
                "error.csrf", Paths.HOME, "link.home", RequestIds.of(ctx)));
        routes.exception(ValidationException.class, (e, ctx) -> validation(ctx, e));
        routes.exception(ActionRefused.class, (e, ctx) -> refused(ctx, e));
        routes.exception(MemberGone.class, (e, ctx) -> memberGone(ctx));
        routes.exception(Busy.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(Busy.RETRY_AFTER_SECONDS));
            if (FrontEnd.isApi(ctx)) {
                problem(ctx, HttpStatus.SERVICE_UNAVAILABLE, "busy", List.of());
            } else {
                // Not error.503, which says the database cannot be reached: here it is only busy.
                pages.message(ctx, HttpStatus.SERVICE_UNAVAILABLE, "error.busy.title", "error.busy.message", Paths.HOME,
                        "link.home", RequestIds.of(ctx));
            }
        });
        routes.exception(TooManyAttempts.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            respond(ctx, HttpStatus.TOO_MANY_REQUESTS, "too many attempts", null);
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} {} failed", RequestIds.of(ctx), ctx.method(), ctx.path(), e);
            if (DatabaseOutage.isCause(e)) {
                ctx.header("Retry-After", "5");
                respond(ctx, HttpStatus.SERVICE_UNAVAILABLE, null, null);
                return;
            }
            respond(ctx, HttpStatus.INTERNAL_SERVER_ERROR, null, null);
        });
        routes.error(HttpStatus.NOT_FOUND, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, HttpStatus.NOT_FOUND, null, null);
            }
        });
        routes.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> respond(ctx, HttpStatus.METHOD_NOT_ALLOWED, null, null));
    }

    private void respond(Context ctx, HttpStatus status, String detail, HttpResponseException source) {
        if (source != null && source.getDetails() != null) {
            source.getDetails().forEach((name, value) -> {
                if (name.equalsIgnoreCase("WWW-Authenticate") || name.equalsIgnoreCase("Retry-After")) {
                    ctx.header(name, value);
                }
            });
        }
        if (FrontEnd.isApi(ctx) || ctx.path().equals(Paths.READY) || ctx.path().equals(Paths.HEALTH)) {
            problem(ctx, status, detail, List.of());
            return;
        }
        String key = switch (status.getCode()) {
            case 400, 403, 404, 405, 413, 429, 503 -> "error." + status.getCode();
            default -> "error.500";
        };
        pages.message(ctx, status, key + ".title", key + ".message", Paths.HOME, "link.home", RequestIds.of(ctx));
    }

    private void validation(Context ctx, ValidationException e) {
        // Forms catch their own ValidationException to re-render. From a page, what reaches here is a request no
        // form sends (ClientPagesController.rotateSecret for a public client): the 400 page, not a logged 500.
        Text t = pages.text(ctx);
        List<Problem.FieldError> errors = e.fieldErrors().entrySet().stream()
                .map(entry -> new Problem.FieldError(entry.getKey(), t.get(entry.getValue())))
                .toList();
        if (FrontEnd.isApi(ctx)) {
            problem(ctx, HttpStatus.UNPROCESSABLE_CONTENT, "Some fields are invalid.", errors);
        } else {
            respond(ctx, HttpStatus.BAD_REQUEST, null, null);
        }
    }

    private void refused(Context ctx, ActionRefused e) {
        String message = pages.text(ctx).get(e.messageKey());
        if (FrontEnd.isApi(ctx)) {
            problem(ctx, e.status(), message, List.of());
        } else {
            pages.message(ctx, e.status(), "error.refused.title", e.messageKey(), Paths.HOME, "link.home");
        }
    }

    private void memberGone(Context ctx) {
        if (FrontEnd.isApi(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            problem(ctx, HttpStatus.UNAUTHORIZED, "The account no longer exists.", List.of());
            return;
        }
        cookies.clearTokens(ctx);
        ctx.redirect(Paths.LOGIN, HttpStatus.SEE_OTHER);
    }

    public void problem(Context ctx, HttpStatus status, String detail, List<Problem.FieldError> errors) {
        var problem = new Problem("about:blank", status.getMessage(), status.getCode(),
                detail == null || status.getCode() >= 500 ? status.getMessage() : detail,
                RequestIds.of(ctx), errors.isEmpty() ? null : errors);
        try {
            // Bytes, not a String: Jetty would encode a String as ISO-8859-1 for this media type (Korean as "?").
            ctx.status(status).contentType(Problem.CONTENT_TYPE).result(json.writeValueAsBytes(problem));
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
