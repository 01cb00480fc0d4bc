package gatehouse.domain;

import io.javalin.http.HttpStatus;

/**
 * A request that is well-formed but breaks a rule (deleting the last administrator, say): answered with
 * 409 and the translated message of {@code messageKey}, as a message page or as problem+json on the API.
 * Acting on a member who does not exist is the one refusal answered with 404.
 */
public final class ActionRefused extends RuntimeException {
    private final String messageKey;
    private final HttpStatus status;

    public ActionRefused(String messageKey) {
        this(messageKey, HttpStatus.CONFLICT);
    }

    private ActionRefused(String messageKey, HttpStatus status) {
        super(messageKey);
        this.messageKey = messageKey;
        this.status = status;
    }

    /** Refused for who the caller is (403), not for the state of things. */
    public static ActionRefused forbidden(String messageKey) {
        return new ActionRefused(messageKey, HttpStatus.FORBIDDEN);
    }

    /** The member an administrator acts on does not exist (any more). */
    public static ActionRefused noSuchMember() {
        return new ActionRefused("error.admin.notFound", HttpStatus.NOT_FOUND);
    }

    public String messageKey() {
        return messageKey;
    }

    public HttpStatus status() {
        return status;
    }
}
