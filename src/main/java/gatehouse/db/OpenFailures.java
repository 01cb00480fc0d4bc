package gatehouse.db;

import gatehouse.config.Config;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;

/** Turns a failure to open the database into one line naming the problem and the fix. */
final class OpenFailures {
    /** H2: the file is held by a process that does not serve it to others (no mixed mode). */
    private static final int H2_ALREADY_OPEN = 90020;
    private static final int MARIADB_ACCESS_DENIED = 1045;
    private static final int MARIADB_ACCESS_DENIED_PLUGIN = 1698;
    private static final int MARIADB_UNKNOWN_DATABASE = 1049;

    private OpenFailures() {}

    static DatabaseUnavailable explain(Config.Db db, Throwable failure) {
        Optional<SQLException> sql = find(failure, SQLException.class);
        Optional<Path> h2 = DatabaseLocation.h2File(db.url());
        Optional<DatabaseLocation.MariaDb> mariaDb = DatabaseLocation.mariaDb(db.url());
        if (h2.isPresent() && sql.isPresent() && sql.get().getErrorCode() == H2_ALREADY_OPEN) {
            return new DatabaseUnavailable("the database file " + DatabaseLocation.h2DataFile(h2.get())
                    + " is locked by another program that does not share it (an H2 tool, or an older Gatehouse);"
                    + " close that program and try again (data.dir)");
        }
        if (mariaDb.isPresent()) {
            String at = mariaDb.get().address();
            int code = sql.map(SQLException::getErrorCode).orElse(0);
            if (code == MARIADB_ACCESS_DENIED || code == MARIADB_ACCESS_DENIED_PLUGIN) {
                return new DatabaseUnavailable("the database at " + at + " refused user '" + db.user()
                        + "'; check db.user and db.password");
            }
            if (code == MARIADB_UNKNOWN_DATABASE) {
                String name = mariaDb.get().database();
                return new DatabaseUnavailable("there is no database '" + name + "' at " + at + "; create it (CREATE DATABASE "
                        + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci) or correct db.url");
            }
            if (unreachable(failure, sql)) {
                return new DatabaseUnavailable("cannot reach the database at " + at + "; is MariaDB running? (db.url)");
            }
        }
        if (find(failure, FlywayException.class).isPresent() && sql.isEmpty()) {
            return new DatabaseUnavailable("cannot bring the database schema up to date: " + reason(failure)
                    + " (a database written by a newer Gatehouse needs that version, or a restored backup)");
        }
        String where = h2.map(file -> "the database file " + DatabaseLocation.h2DataFile(file))
                .or(() -> mariaDb.map(m -> "the database at " + m.address())).orElse("the database");
        return new DatabaseUnavailable("cannot open " + where + ": " + reason(failure) + " (db.url, data.dir)");
    }

    private static boolean unreachable(Throwable failure, Optional<SQLException> sql) {
        return find(failure, ConnectException.class).isPresent() || find(failure, UnknownHostException.class).isPresent()
                || find(failure, SocketTimeoutException.class).isPresent()
                || sql.map(SQLException::getSQLState).filter(state -> state != null && state.startsWith("08")).isPresent();
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** The innermost cause's own words, first line only, without JDBC URLs, connection numbers or H2 codes. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        text = text.lines().findFirst().orElse("")
                .replaceAll("jdbc:[^\\s\"']*", "(db.url)")
                .replaceFirst("^\\(conn=\\d+\\)\\s*", "")
                .replaceAll("\\s*\\[\\d+-\\d+(/\\d+)?]", "")
                .strip();
        return text.isEmpty() ? root.getClass().getSimpleName() : text;
    }
}
