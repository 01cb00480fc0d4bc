package gatehouse.login;

import gatehouse.web.Page;

/** The login form; {@code error} and {@code notice} are translated text or null. */
public record LoginPage(String username, String next, String error, String notice) implements Page {
    @Override
    public String template() {
        return "login.jte";
    }
}
