package gatehouse.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Owner-only permissions for the data directory (0700) and the files directly in it (0600): the embedded
 * database holds password hashes, and H2 creates its file with the process umask (usually 0644). Applied
 * at every start, so a directory made by an older version, or by hand, is tightened too.
 */
public final class DataFiles {
    private DataFiles() {}

    public static void tighten(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix") || !Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            List<Path> files;
            try (Stream<Path> listing = Files.list(dir)) {
                files = listing.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).toList();
            }
            for (Path file : files) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the permissions in " + dir, e);
        }
    }
}
