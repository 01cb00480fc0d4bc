package gatehouse.oidc;

import gatehouse.web.Page;
import java.util.List;

/**
 * The question a member answers the first time an application asks for their identity.
 *
 * @param request the authorization request's query string, posted back with the answer
 */
public record ConsentPage(String clientName, String clientHost, List<String> scopes, String request) implements Page {
    @Override
    public String template() {
        return "oidc/consent.jte";
    }
}
