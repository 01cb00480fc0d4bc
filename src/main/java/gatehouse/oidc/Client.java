package gatehouse.oidc;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A registered application as stored: lists are kept one item per line, the secret only as its SHA-256
 * hash (null for public clients).
 */
public record Client(
        String clientId,
        String name,
        ClientType clientType,
        @JsonIgnore String secretHash,
        @JsonIgnore String redirectUris,
        @JsonIgnore String postLogoutRedirectUris,
        @JsonIgnore String scopes,
        boolean alwaysRefresh,
        Instant createdAt) {

    public List<String> redirectUriList() {
        return lines(redirectUris);
    }

    public List<String> postLogoutRedirectUriList() {
        return lines(postLogoutRedirectUris);
    }

    public List<String> scopeList() {
        return lines(scopes);
    }

    public boolean isPublic() {
        return clientType == ClientType.PUBLIC;
    }

    static String joined(List<String> items) {
        return String.join("\n", items);
    }

    private static List<String> lines(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\n"));
    }
}
