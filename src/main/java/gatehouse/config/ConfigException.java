package gatehouse.config;

import java.util.Set;

/** A configuration value that cannot be used; its message is one line naming the key and the value. */
public final class ConfigException extends RuntimeException {
    /** Keys whose values are never shown, not even when they are wrong. */
    private static final Set<String> SECRET_KEYS = Set.of("auth.hmac-secret", "db.password");

    public ConfigException(String key, String value, String problem) {
        super(oneLine("config " + key + "=" + shown(key, value) + ": " + problem));
    }

    /** The value as it may appear in a log or on a terminal: secrets hidden, passwords cut out of URLs. */
    private static String shown(String key, String value) {
        if (value == null) {
            return "";
        }
        if (SECRET_KEYS.contains(key)) {
            return "(hidden)";
        }
        // A JDBC URL may carry the password as a parameter.
        return value.replaceAll("(?i)(password=)[^&;]*", "$1(hidden)");
    }

    /** Line breaks in a value (an environment variable can hold any) must not split the one line. */
    private static String oneLine(String message) {
        return message.replaceAll("\\p{Cntrl}", "?");
    }
}
