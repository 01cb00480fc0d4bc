package gatehouse.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import gatehouse.web.Errors;
import gatehouse.web.Pages;
import gatehouse.web.Problem;
import gatehouse.web.Text;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's own additions to {@link Errors}: {@link ApiProblem}s, and Jackson's exceptions turned into a
 * 400 problem that names the field at fault (never Jackson's message, which describes Java classes).
 */
public final class ApiErrors {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|Object property) '([^']*)'");

    private final Errors errors;
    private final Pages pages;

    public ApiErrors(Errors errors, Pages pages) {
        this.errors = errors;
        this.pages = pages;
    }

    public void register(RoutesConfig routes) {
        routes.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e));
        routes.exception(JsonProcessingException.class, (e, ctx) -> problem(ctx, fromJackson(e)));
    }

    private void problem(Context ctx, ApiProblem e) {
        e.headers().forEach(ctx::header);
        Text text = pages.text(ctx);
        String detail = e.arguments().length == 0 ? text.get(e.messageKey()) : text.format(e.messageKey(), e.arguments());
        List<Problem.FieldError> fieldErrors = e.field() == null ? List.of()
                : List.of(new Problem.FieldError(e.field(), text.format(e.fieldMessageKey(), e.arguments())));
        errors.problem(ctx, e.status(), detail, fieldErrors);
    }

    /** What went wrong in terms of the JSON the client sent. */
    static ApiProblem fromJackson(JsonProcessingException e) {
        HttpStatus bad = HttpStatus.BAD_REQUEST;
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return ApiProblem.field(bad, "api.field.unknown", field, "api.field.unknown.short", field);
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = path(mismatch);
            if (field.isEmpty()) {
                return ApiProblem.of(bad, "api.body.object");
            }
            String expected = jsonType(mismatch.getTargetType());
            return ApiProblem.field(bad, "api.field.type", field, "api.field.type.short", field, expected);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return ApiProblem.field(bad, "api.field.invalid", field, "api.field.invalid.short", field);
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            String field = parentPath(e) + duplicate.group(1);
            return ApiProblem.field(bad, "api.field.duplicate", field, "api.field.duplicate.short", field);
        }
        JsonLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return ApiProblem.of(bad, "api.body.malformed");
        }
        return ApiProblem.of(bad, "api.body.malformedAt", at.getLineNr(), at.getColumnNr());
    }

    /** The field's path as the client wrote it: {@code profile.name}, {@code items[2]}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** For a parser error inside a nested object, the names of the objects around it ("a.b."). */
    private static String parentPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser) || parser.getParsingContext() == null) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (var context = parser.getParsingContext().getParent(); context != null; context = context.getParent()) {
            if (context.getCurrentName() != null) {
                path.insert(0, context.getCurrentName() + ".");
            }
        }
        return path.toString();
    }

    /** The JSON name of what a Java type is written as. */
    static String jsonType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == String.class || type.isEnum() || Temporal.class.isAssignableFrom(type)
                || type == java.util.UUID.class) {
            return "string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "object";
        }
        return "value";
    }
}
