package gatehouse.authsystem;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code imported_members}: which members came from the original, and how far their passwords have come. */
@RegisterConstructorMapper(ImportDao.Imported.class)
interface ImportDao {

    /**
     * An imported member's state: {@code awaitingFirstLogin} while the legacy hash is stored;
     * {@code passwordChangeRequired} while a weak legacy password was accepted and not yet changed.
     */
    record Imported(UUID userId, String username, boolean awaitingFirstLogin, boolean passwordChangeRequired) {}

    @SqlQuery("""
            SELECT i.user_id, u.username,
                   i.legacy_password_hash IS NOT NULL AS awaiting_first_login,
                   i.weak_password_accepted_at IS NOT NULL
                       AND c.password_changed_at < i.weak_password_accepted_at AS password_change_required
              FROM imported_members i
              JOIN users u ON u.id = i.user_id
              JOIN credentials c ON c.user_id = i.user_id
             WHERE i.user_id = :userId""")
    Optional<Imported> find(UUID userId);

    @SqlUpdate("""
            INSERT INTO imported_members (user_id, imported_at, legacy_password_hash, weak_password_accepted_at)
            VALUES (:userId, :importedAt, :legacyHash, NULL)""")
    void insert(UUID userId, Instant importedAt, String legacyHash);
}
