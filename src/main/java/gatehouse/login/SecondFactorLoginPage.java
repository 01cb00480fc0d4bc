package gatehouse.login;

import gatehouse.web.Page;

/** The login's second step: the code field, the local path the login goes on to, an error (translated) or null. */
public record SecondFactorLoginPage(String next, String error) implements Page {
    @Override
    public String template() {
        return "secondFactorLogin.jte";
    }
}
