package gatehouse.db;

/**
 * The database cannot be opened. The message is one line for an operator: what is wrong and what to do,
 * naming the configuration key, never a JDBC URL with its options and never a stack trace.
 */
public final class DatabaseUnavailable extends RuntimeException {
    public DatabaseUnavailable(String message) {
        super(message.replaceAll("\\p{Cntrl}", " "));
    }
}
