package gatehouse.backup;

import gatehouse.config.Config;
import gatehouse.db.Database;
import gatehouse.db.DatabaseLocation;
import gatehouse.db.DatabaseUnavailable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code backup --to FILE}: H2's online backup (a consistent copy while the server runs, reached through the
 * mixed-mode connection). On MariaDB it prints the {@code mariadb-dump} command instead and writes nothing.
 * The pepper and signing keys are left out on purpose: the pepper is what keeps the password hashes in a lost
 * backup useless, so it is kept apart.
 */
public final class Backup {
    private Backup() {}

    /** @return the exit code: 0 done (or the MariaDB command printed), 1 failed with one line on {@code err} */
    public static int run(Config config, Path target, PrintStream out, PrintStream err) {
        try {
            Optional<Path> h2 = DatabaseLocation.h2File(config.db().url());
            if (h2.isEmpty()) {
                out.println(MariaDbCommands.backup(config.db(), target));
                return 0;
            }
            long bytes = backUp(config.db(), h2.get(), target.toAbsolutePath().normalize());
            out.println("backed up the database to " + target + " (" + bytes + " bytes; restore with: restore --from "
                    + target + ")");
            out.println(KeyFilesNote.text(config));
            return 0;
        } catch (BackupFailure | DatabaseUnavailable e) {
            err.println("gatehouse: backup: " + e.getMessage());
            return 1;
        }
    }

    private static long backUp(Config.Db db, Path h2File, Path target) {
        if (!Files.exists(DatabaseLocation.h2DataFile(h2File))) {
            throw new BackupFailure("there is no database at " + DatabaseLocation.h2DataFile(h2File) + " (data.dir)");
        }
        if (Files.exists(target)) {
            throw new BackupFailure(target + " exists already; give a new file name (a backup never overwrites one)");
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new BackupFailure("the directory of " + target + " does not exist");
        }
        // The process that holds the database writes the copy (the server, when one runs): into the data
        // directory, which it can always write, under a name of our making; then it is moved to the target.
        Path written = h2File.resolveSibling("backup-" + UUID.randomUUID() + ".zip.part");
        Path staged = target.resolveSibling(target.getFileName() + ".part");
        try (Connection connection = Database.connection(db);
             PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
            backup.setString(1, written.toString());
            backup.execute();
            Files.copy(written, staged, StandardCopyOption.REPLACE_EXISTING);
            // It holds the password hashes: owner-only, like the data directory.
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(target);
        } catch (SQLException e) {
            throw new BackupFailure("the database could not write the copy: " + firstLine(e));
        } catch (IOException e) {
            throw new BackupFailure("cannot write " + target + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        } finally {
            deleteQuietly(written);
            deleteQuietly(staged);
        }
    }

    static String firstLine(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.lines().findFirst().orElse("").replaceAll("\\s*\\[\\d+-\\d+]", "");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover part file is harmless; the next backup uses another name.
        }
    }
}
