package gatehouse.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Legacy (imported) password hashes as the login sees them: {@code legacy_credentials}, {@code imported_members}. */
public interface LegacyPasswordDao {

    @SqlQuery("SELECT password_hash FROM legacy_credentials WHERE user_id = :userId")
    Optional<String> legacyHash(UUID userId);

    /** Deletes the legacy hash, only if it is still {@code hash} (of two racing first logins one does this). */
    @SqlUpdate("DELETE FROM legacy_credentials WHERE user_id = :userId AND password_hash = :hash")
    int forget(UUID userId, String hash);

    @SqlUpdate("UPDATE imported_members SET weak_password_accepted_at = :now WHERE user_id = :userId")
    void weakPasswordAccepted(UUID userId, Instant now);

    @SqlUpdate("UPDATE credentials SET password_hash = :hash WHERE user_id = :userId")
    void replaceHash(UUID userId, String hash);

    /** True while a weak legacy password was accepted and not changed since. */
    @SqlQuery("""
            SELECT COUNT(*) FROM imported_members i JOIN credentials c ON c.user_id = i.user_id
             WHERE i.user_id = :userId AND i.weak_password_accepted_at IS NOT NULL
               AND c.password_changed_at < i.weak_password_accepted_at""")
    int passwordChangeRequired(UUID userId);
}
