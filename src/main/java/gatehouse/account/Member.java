package gatehouse.account;

/** A member as pages and the API show them: identity and profile together. */
public record Member(User user, Profile profile) {}
