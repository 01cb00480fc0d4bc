package gatehouse.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The devices members have logged in from (see {@link LoginDevices}). */
@RegisterConstructorMapper(LoginDevice.class)
public interface LoginDeviceDao {

    @SqlUpdate("""
            INSERT INTO login_devices (id, user_id, failed_logins, locked_until, created_at, last_login_at)
            VALUES (:id, :userId, :failedLogins, :lockedUntil, :createdAt, :lastLoginAt)""")
    void insert(@BindMethods LoginDevice device);

    @SqlQuery("SELECT * FROM login_devices WHERE id = :id")
    Optional<LoginDevice> find(UUID id);

    /** As {@link UserDao#countAttempt}: counted before the password check, one attempt at a time. */
    @SqlUpdate("""
            UPDATE login_devices SET failed_logins = :failedLogins, locked_until = :lockedUntil
             WHERE id = :id AND failed_logins = :seen""")
    int countAttempt(UUID id, int seen, int failedLogins, Instant lockedUntil);

    @SqlUpdate("UPDATE login_devices SET failed_logins = 0, locked_until = NULL, last_login_at = :now WHERE id = :id")
    void loggedIn(UUID id, Instant now);

    @SqlUpdate("DELETE FROM login_devices WHERE user_id = :userId AND last_login_at < :before")
    int forgetOlder(UUID userId, Instant before);
}
