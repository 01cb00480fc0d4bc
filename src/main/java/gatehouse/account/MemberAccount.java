package gatehouse.account;

import org.jdbi.v3.core.mapper.Nested;

/**
 * A member as pages and the API show them: identity and profile together, and whether they have a second
 * factor (read with them, in one query).
 */
public record MemberAccount(@Nested("u") User user, @Nested("p") Profile profile, boolean secondFactor) {}
