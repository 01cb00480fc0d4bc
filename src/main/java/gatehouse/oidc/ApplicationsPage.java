package gatehouse.oidc;

import gatehouse.web.Page;
import java.util.List;

/** The member's applications: those they allowed to know who they are, each with a way to withdraw it. */
public record ApplicationsPage(List<Consent> consents) implements Page {
    @Override
    public String template() {
        return "oidc/applications.jte";
    }
}
