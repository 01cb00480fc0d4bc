package gatehouse.account;

import gatehouse.domain.Role;
import java.time.Instant;
import java.util.UUID;

/** A member's identity and role; the user name is always stored lower-case. */
public record User(UUID id, String username, Role role, Instant createdAt, Instant updatedAt, Instant lastLoginAt) {}
