package gatehouse.oidc;

import gatehouse.web.Page;

/** The confirmation asked before logging out for an application that did not prove who sent the browser. */
public record LogoutPage(String clientName, String idTokenHint, String postLogoutRedirectUri, String state, String clientId)
        implements Page {
    @Override
    public String template() {
        return "oidc/logout.jte";
    }
}
