package gatehouse.oidc;

import gatehouse.web.Page;
import java.util.List;
import java.util.Map;

/**
 * The administrators' page of client applications: the list, the registration form (entered values and
 * field errors when it comes back), and a secret shown once after registration or rotation.
 */
public record ClientsPage(List<Client> clients, ClientRequest form, Map<String, String> errors, String shownClientId,
                          String shownSecret) implements Page {
    @Override
    public String template() {
        return "oidc/clients.jte";
    }

    static ClientsPage of(List<Client> clients) {
        return new ClientsPage(clients, new ClientRequest("", "confidential", List.of(), List.of(), Scopes.SUPPORTED, false),
                Map.of(), null, null);
    }

    public String lines(List<String> items) {
        return items == null ? "" : String.join("\n", items);
    }

    public boolean asks(String scope) {
        return form.scopes() != null && form.scopes().contains(scope);
    }
}
