package gatehouse.token;

import gatehouse.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Reads and writes secret files (signing keys, the pepper), created readable by their owner only. */
public final class KeyFiles {
    private static final String PEPPER_KEY = "auth.pepper-file";
    private static final int PEPPER_BYTES = 32;

    private KeyFiles() {}

    /**
     * Writes {@code text} to {@code file} with mode 0600 unless the file exists already. The file appears
     * complete or not at all, so that instances starting together on a shared directory all end up with
     * the one file the first of them wrote.
     *
     * @return true when this call created the file, false when it existed (and was left alone)
     */
    public static boolean writeOwnerOnly(Path file, String text) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            if (Files.exists(file)) {
                return false;
            }
            // Created with the mode already set, so there is no moment at which others could read it.
            Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp", ownerOnly("rw-------"));
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                return publish(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + reason(e), e);
        }
    }

    /** Gives the finished temporary file its name, unless another process got there first. */
    private static boolean publish(Path temp, Path file) throws IOException {
        try {
            // A hard link is created atomically and never replaces an existing file.
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            try {
                Files.move(temp, file);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
    }

    /** Creates {@code dir} (and its parents) readable by the owner only when it does not exist yet. */
    public static void createPrivateDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, ownerOnly("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + reason(e), e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + reason(e), e);
        }
    }

    /**
     * The pepper: 32 random bytes kept base64-encoded in {@code file}, generated on first use. Every
     * instance must share the same file, or passwords stop matching.
     */
    public static byte[] loadOrCreatePepper(Path file) {
        String text;
        try {
            if (!Files.exists(file)) {
                byte[] pepper = new byte[PEPPER_BYTES];
                new SecureRandom().nextBytes(pepper);
                writeOwnerOnly(file, Base64.getEncoder().encodeToString(pepper) + "\n");
            }
            // Read back even after writing: another instance may have created the file first.
            text = read(file);
        } catch (UncheckedIOException e) {
            throw new ConfigException(PEPPER_KEY, file.toString(), reason(e.getCause()));
        }
        byte[] pepper;
        try {
            pepper = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PEPPER_KEY, file.toString(), "the file does not hold base64 text");
        }
        if (pepper.length < PEPPER_BYTES) {
            throw new ConfigException(PEPPER_KEY, file.toString(), "the file holds fewer than " + PEPPER_BYTES + " bytes of pepper");
        }
        return pepper;
    }

    /** A short, readable cause for a message that names the file anyway. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way of " + ((FileSystemException) e).getFile();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName();
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }
}
