package gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dir;

    static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void a_written_secret_file_is_readable_and_writable_by_its_owner_only() throws IOException {
        Path file = dir.resolve("secret.txt");

        assertTrue(KeyFiles.writeOwnerOnly(file, "hush"));

        assertEquals("rw-------", mode(file));
        assertEquals("hush", Files.readString(file));
    }

    @Test
    void missing_parent_directories_are_created() throws IOException {
        Path file = dir.resolve("a/b/secret.txt");

        KeyFiles.writeOwnerOnly(file, "hush");

        assertEquals("hush", Files.readString(file));
    }

    @Test
    void an_existing_file_is_never_overwritten() throws IOException {
        Path file = dir.resolve("secret.txt");
        Files.writeString(file, "first");

        assertFalse(KeyFiles.writeOwnerOnly(file, "second"));

        assertEquals("first", Files.readString(file));
    }

    @Test
    void writing_leaves_no_temporary_files_behind() throws IOException {
        KeyFiles.writeOwnerOnly(dir.resolve("secret.txt"), "hush");
        KeyFiles.writeOwnerOnly(dir.resolve("secret.txt"), "again");

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("secret.txt")), files.toList());
        }
    }

    @Test
    void a_private_directory_is_created_with_mode_0700_but_an_existing_one_is_left_alone() throws IOException {
        Path fresh = dir.resolve("data");
        Path existing = Files.createDirectory(dir.resolve("existing"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));

        KeyFiles.createPrivateDirectory(fresh);
        KeyFiles.createPrivateDirectory(existing);

        assertEquals("rwx------", mode(fresh));
        assertEquals("rwxr-x---", mode(existing));
    }

    @Test
    void the_pepper_is_generated_once_with_mode_0600_and_then_reused() throws IOException {
        Path file = dir.resolve("pepper.key");

        byte[] first = KeyFiles.loadOrCreatePepper(file);
        String stored = Files.readString(file);
        byte[] second = KeyFiles.loadOrCreatePepper(file);

        assertEquals(32, first.length);
        assertArrayEquals(first, second);
        assertArrayEquals(first, Base64.getDecoder().decode(stored.trim()));
        assertEquals(stored, Files.readString(file), "the second start must not rewrite the file");
        assertEquals("rw-------", mode(file));
    }

    @Test
    void two_fresh_data_directories_get_different_peppers() {
        byte[] one = KeyFiles.loadOrCreatePepper(dir.resolve("one/pepper.key"));
        byte[] two = KeyFiles.loadOrCreatePepper(dir.resolve("two/pepper.key"));

        assertFalse(java.util.Arrays.equals(one, two));
    }

    @Test
    void instances_starting_together_on_a_shared_directory_all_get_the_same_pepper() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path file = dir.resolve("round" + round + "/pepper.key");
            List<byte[]> peppers = concurrently(8, () -> KeyFiles.loadOrCreatePepper(file));
            for (byte[] pepper : peppers) {
                assertArrayEquals(peppers.get(0), pepper, "round " + round);
            }
        }
    }

    @Test
    void a_pepper_file_that_is_not_base64_is_a_config_error_naming_the_key() throws IOException {
        Path file = dir.resolve("pepper.key");
        Files.writeString(file, "this is not base64 at all!\n");

        ConfigException e = assertThrows(ConfigException.class, () -> KeyFiles.loadOrCreatePepper(file));

        assertTrue(e.getMessage().startsWith("config auth.pepper-file=" + file + ": "), e.getMessage());
    }

    @Test
    void a_pepper_shorter_than_32_bytes_is_refused() throws IOException {
        Path file = dir.resolve("pepper.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]), StandardCharsets.UTF_8);

        ConfigException e = assertThrows(ConfigException.class, () -> KeyFiles.loadOrCreatePepper(file));

        assertTrue(e.getMessage().startsWith("config auth.pepper-file=" + file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    }

    @Test
    void a_pepper_that_cannot_be_written_is_a_config_error_not_a_stack_trace() throws IOException {
        Path inTheWay = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path file = inTheWay.resolve("pepper.key");

        ConfigException e = assertThrows(ConfigException.class, () -> KeyFiles.loadOrCreatePepper(file));

        assertTrue(e.getMessage().startsWith("config auth.pepper-file=" + file + ": "), e.getMessage());
    }

    /** Runs {@code task} on {@code threads} threads released at the same moment. */
    static <T> List<T> concurrently(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
