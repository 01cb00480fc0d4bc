package gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the bench and the Apache tests leave behind: nothing. */
class DirectoriesTest {
    @Test
    void a_directory_goes_with_its_files_and_subdirectories(@TempDir Path scratch) throws Exception {
        Path dir = scratch.resolve("server");
        Files.createDirectories(dir.resolve("logs/old"));
        Files.writeString(dir.resolve("gatehouse.mv.db"), "data");
        Files.writeString(dir.resolve("logs/old/server.log"), "log");

        Directories.delete(dir);

        assertFalse(Files.exists(dir));
        assertTrue(Files.isDirectory(scratch), "only the directory named goes");
    }

    @Test
    void a_directory_already_gone_is_no_error(@TempDir Path scratch) throws Exception {
        Directories.delete(scratch.resolve("never-made"));
        assertTrue(Files.isDirectory(scratch));
    }
}
