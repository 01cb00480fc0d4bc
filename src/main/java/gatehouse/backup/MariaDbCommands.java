package gatehouse.backup;

import gatehouse.config.Config;
import gatehouse.db.DatabaseLocation;
import java.nio.file.Path;

/** On MariaDB the database's own tools back up and restore; these are the exact commands for the configured one. */
final class MariaDbCommands {
    private MariaDbCommands() {}

    static String backup(Config.Db db, Path target) {
        return "the database is MariaDB: back it up with its own tool, which takes a consistent copy while Gatehouse"
                + " runs (nothing was written):\n  mariadb-dump --single-transaction --routines " + connection(db)
                + " > " + quoted(target.toString());
    }

    static String restore(Config.Db db, Path source) {
        return "the database is MariaDB: restore the dump into an empty database with its own client, Gatehouse"
                + " stopped (nothing was written):\n  mariadb " + connection(db) + " < " + quoted(source.toString());
    }

    private static String connection(Config.Db db) {
        var location = DatabaseLocation.mariaDb(db.url())
                .orElseThrow(() -> new BackupFailure("db.url is neither an H2 file nor a jdbc:mariadb://host/database URL;"
                        + " back it up with the database's own tools"));
        String user = db.user().isEmpty() ? "" : " --user=" + quoted(db.user()) + " --password";
        return "--host=" + quoted(location.host()) + " --port=" + location.port() + user + " " + quoted(location.database());
    }

    /** Shell quoting for names that need it. */
    private static String quoted(String text) {
        return text.matches("[A-Za-z0-9_./:=@+-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
