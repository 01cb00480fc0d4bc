package gatehouse.login;

/** The login form; {@code error} and {@code notice} are translated text or null. */
public record LoginPage(String username, String next, String error, String notice) {}
