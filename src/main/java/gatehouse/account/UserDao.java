package gatehouse.account;

import gatehouse.domain.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Members: users, their profiles and their credentials. */
@RegisterConstructorMapper(User.class)
@RegisterConstructorMapper(Profile.class)
@RegisterConstructorMapper(Credentials.class)
public interface UserDao {

    @SqlUpdate("""
            INSERT INTO users (id, username, role, created_at, updated_at, last_login_at)
            VALUES (:id, :username, :role, :createdAt, :updatedAt, :lastLoginAt)""")
    void insertUser(@BindMethods User user);

    @SqlUpdate("""
            INSERT INTO profiles (user_id, name, nickname, introduction, phone, birthday, gender, privacy_consent, privacy_consent_at)
            VALUES (:userId, :name, :nickname, :introduction, :phone, :birthday, :gender, :privacyConsent, :privacyConsentAt)""")
    void insertProfile(@BindMethods Profile profile);

    @SqlUpdate("""
            INSERT INTO credentials (user_id, password_hash, password_changed_at, failed_logins, locked_until)
            VALUES (:userId, :passwordHash, :passwordChangedAt, :failedLogins, :lockedUntil)""")
    void insertCredentials(@BindMethods Credentials credentials);

    /** A new member: all three rows or none (the unique user name index decides races). */
    @Transaction
    default void create(User user, Profile profile, Credentials credentials) {
        insertUser(user);
        insertProfile(profile);
        insertCredentials(credentials);
    }

    @SqlQuery("SELECT * FROM users WHERE id = :id")
    Optional<User> findById(UUID id);

    /** The member page's and the API's read: user, profile and second-factor state in one query. */
    @SqlQuery("""
            SELECT u.id AS u_id, u.username AS u_username, u.role AS u_role, u.created_at AS u_created_at,
                   u.updated_at AS u_updated_at, u.last_login_at AS u_last_login_at,
                   p.user_id AS p_user_id, p.name AS p_name, p.nickname AS p_nickname, p.introduction AS p_introduction,
                   p.phone AS p_phone, p.birthday AS p_birthday, p.gender AS p_gender,
                   p.privacy_consent AS p_privacy_consent, p.privacy_consent_at AS p_privacy_consent_at,
                   EXISTS (SELECT 1 FROM second_factors f WHERE f.user_id = u.id) AS second_factor
              FROM users u JOIN profiles p ON p.user_id = u.id
             WHERE u.id = :id""")
    @RegisterConstructorMapper(MemberAccount.class)
    Optional<MemberAccount> member(UUID id);

    /** Matches through the column's collation: on MariaDB {@code ålice} and {@code ＡＬＩＣＥ} find {@code alice}. */
    @SqlQuery("SELECT * FROM users WHERE username = :username")
    Optional<User> findByUsernameOrCollationTwin(String username);

    /**
     * The member whose stored (lower-case) name is exactly {@code username}: the collation's match is
     * compared again in Java, so that on every database only the same characters log in.
     */
    default Optional<User> findByUsername(String username) {
        return findByUsernameOrCollationTwin(username).filter(user -> user.username().equals(username));
    }

    @SqlQuery("SELECT * FROM profiles WHERE user_id = :userId")
    Optional<Profile> profile(UUID userId);

    @SqlQuery("SELECT * FROM credentials WHERE user_id = :userId")
    Optional<Credentials> credentials(UUID userId);

    @SqlUpdate("""
            UPDATE profiles SET name = :name, nickname = :nickname, introduction = :introduction, phone = :phone,
                   birthday = :birthday, gender = :gender, privacy_consent = :privacyConsent,
                   privacy_consent_at = :privacyConsentAt
             WHERE user_id = :userId""")
    void updateProfile(@BindMethods Profile profile);

    @SqlUpdate("UPDATE users SET updated_at = :now WHERE id = :id")
    void touch(UUID id, Instant now);

    @Transaction
    default void saveProfile(Profile profile, Instant now) {
        updateProfile(profile);
        touch(profile.userId(), now);
    }

    @SqlUpdate("UPDATE credentials SET password_hash = :hash WHERE user_id = :userId")
    void replaceHash(UUID userId, String hash);

    @SqlUpdate("UPDATE credentials SET password_hash = :hash, password_changed_at = :now WHERE user_id = :userId")
    void changePassword(UUID userId, String hash, Instant now);

    @SqlUpdate("UPDATE users SET last_login_at = :now WHERE id = :id")
    void recordLogin(UUID id, Instant now);

    @SqlUpdate("UPDATE credentials SET failed_logins = 0, locked_until = NULL WHERE user_id = :userId")
    void clearFailures(UUID userId);

    @Transaction
    default void loginSucceeded(UUID userId, Instant now) {
        recordLogin(userId, now);
        clearFailures(userId);
    }

    /**
     * Counts a login attempt as a failure before its password is checked, only if no other attempt has
     * been counted since {@code seen} was read: parallel attempts go one at a time through the throttle.
     * Returns the number of rows changed (0 when another attempt came first).
     */
    @SqlUpdate("""
            UPDATE credentials SET failed_logins = :failedLogins, locked_until = :lockedUntil
             WHERE user_id = :userId AND failed_logins = :seen""")
    int countAttempt(UUID userId, int seen, int failedLogins, Instant lockedUntil);

    @SqlUpdate("UPDATE users SET role = :role, updated_at = :now WHERE id = :id")
    int setRole(UUID id, Role role, Instant now);

    /** Locks the administrators' rows, so that two last-admin checks cannot pass at once. */
    @SqlQuery("SELECT id FROM users WHERE role = 'ADMIN' FOR UPDATE")
    List<UUID> lockAdmins();


    /** Deletes the member; profile, credentials and sessions go with it (ON DELETE CASCADE). */
    @SqlUpdate("DELETE FROM users WHERE id = :id")
    int delete(UUID id);
}
