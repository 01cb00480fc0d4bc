package gatehouse.web;

import gatehouse.domain.ValidationException;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders the precompiled jte templates. Every template takes {@code layout} and its own {@link Page} record. */
public final class Pages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Languages languages;
    private final Csrf csrf;

    public Pages(Languages languages, Csrf csrf) {
        this.languages = languages;
        this.csrf = csrf;
    }

    public Text text(Context ctx) {
        return languages.choose(ctx);
    }

    /** The field errors of {@code e}, each named by {@code prefix + field}, in the request's language. */
    public Map<String, String> fieldErrors(Context ctx, ValidationException e, String prefix) {
        Text t = text(ctx);
        Map<String, String> messages = new LinkedHashMap<>();
        e.fieldErrors().forEach((field, key) -> messages.put(prefix + field, t.get(key)));
        return messages;
    }

    public Layout layout(Context ctx) {
        return new Layout(text(ctx), csrf.tokenFor(ctx), Auth.principal(ctx).orElse(null), RequestIds.of(ctx), ctx.path());
    }

    /** Renders {@code page} with the template it names. */
    public void render(Context ctx, Page page) {
        // Straight to UTF-8 bytes: no page-sized String built and encoded again on the way out.
        Utf8ByteOutput output = new Utf8ByteOutput();
        engine.render(page.template(), Map.of("layout", layout(ctx), "page", page), output);
        ctx.contentType("text/html; charset=utf-8").result(output.toByteArray());
    }

    public void render(Context ctx, HttpStatus status, Page page) {
        ctx.status(status);
        render(ctx, page);
    }

    /** The message page with text from the bundles: {@code titleKey}, {@code messageKey} formatted with {@code args}. */
    public void message(Context ctx, HttpStatus status, String titleKey, String messageKey, String linkHref,
                        String linkKey, Object... args) {
        Text t = text(ctx);
        render(ctx, status, new MessagePage(t.get(titleKey), t.format(messageKey, args), linkHref,
                t.get(linkKey), status.getCode() >= 400));
    }
}
