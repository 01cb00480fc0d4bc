package gatehouse.authsystem;

/** Why the import cannot go on, in one line for the operator: no stack trace, no JDBC URL options. */
final class ImportFailure extends RuntimeException {

    ImportFailure(String message) {
        super(message.replaceAll("\\p{Cntrl}", " "));
    }

    /** {@code what}, followed by the innermost cause's own words ("Connection refused", "Unknown database"). */
    static ImportFailure of(String what, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // MariaDB prefixes its messages with the connection number, which tells the operator nothing.
        why = why.replaceFirst("^\\(conn=\\d+\\)\\s*", "").lines().findFirst().orElse("");
        return new ImportFailure(what + ": " + why);
    }
}
