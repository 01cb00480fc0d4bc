package gatehouse.web;

/**
 * A request that is well-formed but breaks a rule (deleting the last administrator, say). Answered with
 * 409 and the translated message of {@code messageKey}: a message page, or problem+json on the API.
 */
public final class ActionRefused extends RuntimeException {
    private final String messageKey;

    public ActionRefused(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
