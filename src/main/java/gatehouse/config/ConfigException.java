package gatehouse.config;

/** A configuration value that cannot be used; its message is one line naming the key and the value. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String key, String value, String problem) {
        super("config " + key + "=" + (value == null ? "" : value) + ": " + problem);
    }
}
