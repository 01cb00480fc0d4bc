package gatehouse.secondfactor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Authenticator secrets (sealed) and recovery codes (hashed). */
@RegisterConstructorMapper(StoredFactor.class)
public interface SecondFactorDao {

    @SqlQuery("SELECT * FROM second_factors WHERE user_id = :userId")
    Optional<StoredFactor> find(UUID userId);

    @SqlUpdate("""
            INSERT INTO second_factors (user_id, secret_sealed, enabled_at, last_used_step)
            VALUES (:userId, :secretSealed, :enabledAt, :lastUsedStep)""")
    void insert(@BindMethods StoredFactor factor);

    /**
     * Records {@code step} as used only if it is later than the last one: of two requests with one code
     * (or two codes of one step) exactly one changes the row. Returns the number of rows changed.
     */
    @SqlUpdate("""
            UPDATE second_factors SET last_used_step = :step
             WHERE user_id = :userId AND (last_used_step IS NULL OR last_used_step < :step)""")
    int useStep(UUID userId, long step);

    @SqlUpdate("INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (:userId, :codeHash, :now)")
    void insertRecoveryCode(UUID userId, String codeHash, Instant now);

    @SqlUpdate("DELETE FROM recovery_codes WHERE user_id = :userId")
    int deleteRecoveryCodes(UUID userId);

    @SqlUpdate("DELETE FROM second_factors WHERE user_id = :userId")
    int deleteFactor(UUID userId);

    /** Marks a recovery code used, only if it is still unused: returns 1 exactly once per code. */
    @SqlUpdate("""
            UPDATE recovery_codes SET used_at = :now
             WHERE user_id = :userId AND code_hash = :codeHash AND used_at IS NULL""")
    int useRecoveryCode(UUID userId, String codeHash, Instant now);

    @SqlQuery("SELECT COUNT(*) FROM recovery_codes WHERE user_id = :userId AND used_at IS NULL")
    int unusedRecoveryCodes(UUID userId);

    /** Turns the factor on with its recovery codes: all of it or nothing. */
    @Transaction
    default void activate(StoredFactor factor, List<String> codeHashes) {
        insert(factor);
        codeHashes.forEach(hash -> insertRecoveryCode(factor.userId(), hash, factor.enabledAt()));
    }

    @Transaction
    default void replaceRecoveryCodes(UUID userId, List<String> codeHashes, Instant now) {
        deleteRecoveryCodes(userId);
        codeHashes.forEach(hash -> insertRecoveryCode(userId, hash, now));
    }

    /** Removes the factor and its codes; returns whether there was one. */
    @Transaction
    default boolean remove(UUID userId) {
        deleteRecoveryCodes(userId);
        return deleteFactor(userId) == 1;
    }
}
