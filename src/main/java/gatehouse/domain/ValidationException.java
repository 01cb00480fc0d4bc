package gatehouse.domain;

import java.util.Map;

/**
 * Input that broke a field rule. Maps each form field to a message key of the bundles; pages show the
 * translated message beside the field, the API lists them in problem+json.
 */
public final class ValidationException extends RuntimeException {
    private final Map<String, String> fieldErrors;

    public ValidationException(Map<String, String> fieldErrors) {
        super("invalid fields " + fieldErrors.keySet());
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public static ValidationException of(String field, String messageKey) {
        return new ValidationException(Map.of(field, messageKey));
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
