package gatehouse.authsystem;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code imported_members} and {@code legacy_credentials}: who came from the original, how far their passwords have come. */
@RegisterConstructorMapper(ImportDao.Imported.class)
interface ImportDao {

    /**
     * An imported member's state: {@code deleted} when the member has deleted the account since (the
     * user name is then null); {@code awaitingFirstLogin} while the legacy hash is stored;
     * {@code passwordChangeRequired} while a weak legacy password was accepted and not yet changed.
     */
    record Imported(UUID userId, String username, boolean deleted, boolean awaitingFirstLogin,
                    boolean passwordChangeRequired) {}

    @SqlQuery("""
            SELECT i.user_id, u.username, u.id IS NULL AS deleted, l.user_id IS NOT NULL AS awaiting_first_login,
                   COALESCE(i.weak_password_accepted_at IS NOT NULL
                       AND c.password_changed_at < i.weak_password_accepted_at, FALSE) AS password_change_required
              FROM imported_members i
              LEFT JOIN users u ON u.id = i.user_id
              LEFT JOIN credentials c ON c.user_id = i.user_id
              LEFT JOIN legacy_credentials l ON l.user_id = i.user_id
             WHERE i.user_id = :userId""")
    Optional<Imported> find(UUID userId);

    /** Records the import and stores the legacy hash; part of the member's transaction. */
    @SqlUpdate("INSERT INTO imported_members (user_id, imported_at) VALUES (:userId, :importedAt)")
    void insert(UUID userId, Instant importedAt);

    @SqlUpdate("INSERT INTO legacy_credentials (user_id, password_hash) VALUES (:userId, :hash)")
    void insertLegacyHash(UUID userId, String hash);
}
