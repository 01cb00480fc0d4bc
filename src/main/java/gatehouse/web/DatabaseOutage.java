package gatehouse.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot be reached (refused or broken connections, a pool that gives none within
 * its timeout) from a failure of ours: the first is answered 503, so that clients and load balancers
 * retry later, and never 500.
 */
final class DatabaseOutage {
    private DatabaseOutage() {}

    static boolean isCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; H2 says 90067 (connection broken) and 90098 (closed).
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("90067")
                    || sql.getSQLState().equals("90098"))) {
                return true;
            }
            if (cause instanceof org.jdbi.v3.core.ConnectionException) {
                return true;
            }
        }
        return false;
    }
}
