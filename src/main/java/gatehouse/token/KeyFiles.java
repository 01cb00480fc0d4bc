package gatehouse.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Reads and writes secret files (signing keys, the pepper), created readable by their owner only. */
public final class KeyFiles {

    private KeyFiles() {}

    /** Writes {@code text} to a new file with mode 0600; the file must not exist yet. */
    public static void writeOwnerOnly(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // Created with the mode already set, so there is no moment at which others could read it.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The pepper: 32 random bytes kept base64-encoded in {@code file}, generated on first use. Every
     * instance must share the same file, or passwords stop matching.
     */
    public static byte[] loadOrCreatePepper(Path file) {
        if (!Files.exists(file)) {
            byte[] pepper = new byte[32];
            new SecureRandom().nextBytes(pepper);
            writeOwnerOnly(file, Base64.getEncoder().encodeToString(pepper) + "\n");
        }
        byte[] pepper = Base64.getDecoder().decode(read(file).trim());
        if (pepper.length < 32) {
            throw new IllegalStateException(file + " holds fewer than 32 bytes of pepper");
        }
        return pepper;
    }
}
