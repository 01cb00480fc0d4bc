package gatehouse.backup;

import gatehouse.config.Config;
import gatehouse.db.Database;
import gatehouse.db.DatabaseLocation;
import gatehouse.db.DatabaseUnavailable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code restore --from FILE}: puts an H2 backup back into a data directory that holds no database (a
 * stopped server, a new machine), then opens it once to check it and bring its schema up to date. On MariaDB
 * it prints the {@code mariadb} command instead.
 */
public final class Restore {
    private Restore() {}

    /** @return the exit code: 0 restored (or the MariaDB command printed), 1 refused with one line on {@code err} */
    public static int run(Config config, Path source, PrintStream out, PrintStream err) {
        try {
            var h2 = DatabaseLocation.h2File(config.db().url());
            if (h2.isEmpty()) {
                out.println(MariaDbCommands.restore(config.db(), source));
                return 0;
            }
            Path dataFile = DatabaseLocation.h2DataFile(h2.get());
            refuseUnlessEmpty(dataFile, DatabaseLocation.h2LockFile(h2.get()));
            extract(source, dataFile);
            long members = check(config, dataFile);
            out.println("restored " + source + " into " + dataFile + " (" + members + " members)");
            if (!Files.exists(config.auth().pepperFile())) {
                out.println("the pepper file " + config.auth().pepperFile() + " is missing: put back the copy kept with"
                        + " the backup before starting Gatehouse, or no password will work (a start would make a new pepper)");
            }
            return 0;
        } catch (BackupFailure | DatabaseUnavailable e) {
            err.println("gatehouse: restore: " + e.getMessage());
            return 1;
        }
    }

    private static void refuseUnlessEmpty(Path dataFile, Path lockFile) {
        if (Files.exists(lockFile)) {
            throw new BackupFailure("a Gatehouse (or another program) has " + dataFile + " open; stop it, and restore"
                    + " into a data directory without a database");
        }
        if (Files.exists(dataFile)) {
            throw new BackupFailure(dataFile + " exists already; restore only into a data directory without a database"
                    + " (stop Gatehouse and move that file away first)");
        }
    }

    /** Takes the one database file out of H2's backup zip; any other content means it is not one. */
    private static void extract(Path source, Path dataFile) {
        Path staged = dataFile.resolveSibling(dataFile.getFileName() + ".restoring");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(source))) {
            boolean found = false;
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                // Only the name is read, never used as a path: no entry can write outside the data directory.
                if (entry.isDirectory() || !entry.getName().endsWith(".mv.db") || entry.getName().contains("/") || found) {
                    throw new BackupFailure(source + " is not a Gatehouse backup (it holds " + entry.getName() + ")");
                }
                copy(zip, staged);
                found = true;
            }
            if (!found) {
                throw new BackupFailure(source + " is not a Gatehouse backup (no database in it)");
            }
            Files.move(staged, dataFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BackupFailure("cannot read " + source + " as a backup: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(staged);
            } catch (IOException ignored) {
                // Nothing was restored; a leftover staging file does not count as a database.
            }
        }
    }

    private static void copy(InputStream in, Path staged) throws IOException {
        Files.createDirectories(staged.getParent());
        Files.deleteIfExists(staged);
        // Owner-only from the first byte: it holds the password hashes.
        Files.createFile(staged, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream to = Files.newOutputStream(staged)) {
            in.transferTo(to);
        }
    }

    /** Opens the restored database (migrating it, as the server would) and counts its members; undoes it when unusable. */
    private static long check(Config config, Path dataFile) {
        try (Database database = Database.open(config.db())) {
            return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(dataFile);
            } catch (IOException ignored) {
                // Reported below; the operator removes it.
            }
            throw new BackupFailure("the restored file is not a usable Gatehouse database, and was removed again: "
                    + Backup.firstLine(e));
        }
    }
}
