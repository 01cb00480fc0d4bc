package gatehouse.account;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The sign-up fields as entered (form or JSON). */
public record SignupForm(String username, String password, String passwordConfirm, ProfileForm profile) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.\\-]{4,20}");

    /** User names are compared lower-cased, so {@code Alice} and {@code alice} are one user. */
    public static String normalizeUsername(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /** Adds a message key to {@code errors} when the (normalized) user name breaks the rule. */
    public static void checkUsername(String normalized, Map<String, String> errors) {
        if (normalized.isEmpty()) {
            errors.put("username", "error.username.required");
        } else if (!USERNAME.matcher(normalized).matches()) {
            errors.put("username", "error.username.invalid");
        }
    }
}
