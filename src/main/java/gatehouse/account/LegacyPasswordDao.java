package gatehouse.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The legacy (imported) password hashes in {@code imported_members}, as the login sees them. */
public interface LegacyPasswordDao {

    @SqlQuery("SELECT legacy_password_hash FROM imported_members WHERE user_id = :userId AND legacy_password_hash IS NOT NULL")
    Optional<String> legacyHash(UUID userId);

    /** Forgets the legacy hash, only if it is still {@code hash} (of two racing first logins one does this). */
    @SqlUpdate("""
            UPDATE imported_members SET legacy_password_hash = NULL, weak_password_accepted_at = :weakAcceptedAt
             WHERE user_id = :userId AND legacy_password_hash = :hash""")
    int forget(UUID userId, String hash, Instant weakAcceptedAt);

    @SqlUpdate("UPDATE credentials SET password_hash = :hash WHERE user_id = :userId")
    void replaceHash(UUID userId, String hash);

    /** True while a weak legacy password was accepted and not changed since. */
    @SqlQuery("""
            SELECT COUNT(*) FROM imported_members i JOIN credentials c ON c.user_id = i.user_id
             WHERE i.user_id = :userId AND i.weak_password_accepted_at IS NOT NULL
               AND c.password_changed_at < i.weak_password_accepted_at""")
    int passwordChangeRequired(UUID userId);
}
