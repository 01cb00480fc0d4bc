package gatehouse.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Registered clients. Deleting one revokes the sessions of its grants in the same transaction. */
@RegisterConstructorMapper(Client.class)
public interface ClientDao {

    @SqlUpdate("""
            INSERT INTO oauth_clients (client_id, name, client_type, secret_hash, redirect_uris,
                                       post_logout_redirect_uris, scopes, always_refresh, created_at)
            VALUES (:clientId, :name, :clientType, :secretHash, :redirectUris, :postLogoutRedirectUris, :scopes,
                    :alwaysRefresh, :createdAt)""")
    void insert(@BindMethods Client client);

    @SqlQuery("SELECT * FROM oauth_clients WHERE client_id = :clientId")
    Optional<Client> find(String clientId);

    @SqlQuery("SELECT * FROM oauth_clients ORDER BY name, client_id")
    List<Client> all();

    @SqlUpdate("UPDATE oauth_clients SET secret_hash = :secretHash WHERE client_id = :clientId AND client_type = 'CONFIDENTIAL'")
    int setSecretHash(String clientId, String secretHash);

    @SqlUpdate("""
            UPDATE sessions SET revoked_at = :now
             WHERE revoked_at IS NULL AND id IN (SELECT session_id FROM oauth_grants WHERE client_id = :clientId)""")
    int revokeSessionsOf(String clientId, Instant now);

    @SqlUpdate("DELETE FROM oauth_clients WHERE client_id = :clientId")
    int deleteRow(String clientId);

    /** The client and everything issued to it: its sessions are revoked, its codes and consents go with it. */
    @Transaction
    default boolean delete(String clientId, Instant now) {
        revokeSessionsOf(clientId, now);
        return deleteRow(clientId) == 1;
    }
}
