package gatehouse.login;

/** The login's second step: the code field, the local path the login goes on to, an error (translated) or null. */
public record SecondFactorLoginPage(String next, String error) {}
