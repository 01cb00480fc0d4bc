package gatehouse.db;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a configured database lives, read from its JDBC URL: the H2 file (for mixed mode, backups and
 * messages) or the MariaDB server and database name (for messages and the dump command).
 */
public final class DatabaseLocation {
    private static final Pattern MARIADB = Pattern.compile("jdbc:mariadb:(?:[a-z]+:)?//([^/:?,]+)(?::(\\d+))?[^/]*/?([^?;]*).*");

    /** A MariaDB server address and the database on it (empty when the URL names none). */
    public record MariaDb(String host, int port, String database) {
        public String address() {
            return host + ":" + port;
        }
    }

    private DatabaseLocation() {}

    /**
     * The H2 database's path without the {@code .mv.db} ending, for an embedded file URL
     * ({@code jdbc:h2:file:/dir/name;...} or {@code jdbc:h2:/dir/name}); empty for memory, TCP and MariaDB URLs.
     */
    public static Optional<Path> h2File(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int options = rest.indexOf(';');
        String name = options < 0 ? rest : rest.substring(0, options);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (!(name.startsWith("/") || name.startsWith("./") || name.startsWith("~"))) {
            return Optional.empty();
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name).toAbsolutePath().normalize());
    }

    /** The file H2 stores the database in. */
    public static Path h2DataFile(Path h2File) {
        return h2File.resolveSibling(h2File.getFileName() + ".mv.db");
    }

    /** H2's lock file, present while a process holds the database open. */
    public static Path h2LockFile(Path h2File) {
        return h2File.resolveSibling(h2File.getFileName() + ".lock.db");
    }

    /**
     * An embedded H2 file URL in automatic mixed mode: the first process to open the file serves it to the
     * others (the running server to a command beside it, or a command to a server that starts meanwhile).
     * Other URLs, and URLs that already choose, are left as they are.
     */
    public static String withAutoServer(String url) {
        if (h2File(url).isEmpty() || url.toUpperCase(Locale.ROOT).contains(";AUTO_SERVER=")) {
            return url;
        }
        return url + ";AUTO_SERVER=TRUE";
    }

    /** The server and database of a {@code jdbc:mariadb://host[:port]/db} URL; empty for any other URL. */
    public static Optional<MariaDb> mariaDb(String url) {
        Matcher m = MARIADB.matcher(url);
        if (!m.matches()) {
            return Optional.empty();
        }
        int port = m.group(2) == null ? 3306 : Integer.parseInt(m.group(2));
        return Optional.of(new MariaDb(m.group(1), port, m.group(3)));
    }
}
