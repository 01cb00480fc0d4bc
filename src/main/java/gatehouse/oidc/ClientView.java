package gatehouse.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A client as the API shows it; {@code clientSecret} only in the answer that creates or rotates it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientView(String clientId, String clientSecret, String name, String type, List<String> redirectUris,
                         List<String> postLogoutRedirectUris, List<String> scopes, boolean alwaysIssueRefreshToken,
                         Instant createdAt) {

    public static ClientView of(Client c, String secret) {
        return new ClientView(c.clientId(), secret, c.name(), c.clientType().name().toLowerCase(Locale.ROOT),
                c.redirectUriList(), c.postLogoutRedirectUriList(), c.scopeList(), c.alwaysRefresh(), c.createdAt());
    }

    public static ClientView of(Client c) {
        return of(c, null);
    }
}
