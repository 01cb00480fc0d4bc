package gatehouse.domain;

/**
 * The caller's token was accepted, but their account no longer exists: it was deleted on another instance
 * within the few seconds that instance's session check is cached. Answered as a logout, never as an error.
 */
public final class MemberGone extends RuntimeException {
    public MemberGone() {
        super("the authenticated member no longer exists");
    }
}
