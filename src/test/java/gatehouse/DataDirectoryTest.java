package gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gatehouse.config.Config;
import gatehouse.config.ConfigLoader;
import gatehouse.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory and the embedded database file are the owner's alone, also when they already existed. */
class DataDirectoryTest {

    @Test
    void an_existing_0755_data_dir_is_tightened_to_0700_and_the_h2_file_is_0600(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        Files.createDirectory(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path leftover = Files.writeString(dataDir.resolve("notes.txt"), "made by hand");
        Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("rw-r--r--"));
        Config config = ConfigLoader.load(Map.of("data.dir", dataDir.toString()), Map.of());

        Gatehouse.createDataDirectory(config);
        try (Database database = Gatehouse.openDatabase(config)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dataDir.resolve("gatehouse.mv.db"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(leftover)));
        }
    }
}
