package gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The authenticator app of the tests: OATH Toolkit's {@code oathtool} (Debian package {@code oathtool}),
 * computing a TOTP code from the Base32 secret a member was shown, as a phone would. A missing tool fails.
 */
public final class Oathtool {
    private Oathtool() {}

    /** The 6-digit code of {@code base32Secret} at {@code time} (SHA-1, 30-second steps, the app defaults). */
    public static String code(String base32Secret, Instant time) {
        ProcessBuilder command = new ProcessBuilder("oathtool", "--totp", "--base32",
                "--now", "@" + time.getEpochSecond(), base32Secret).redirectErrorStream(true);
        try {
            Process process = command.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0 || !output.matches("\\d{6}")) {
                throw new IllegalStateException("oathtool failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("oathtool is missing (apt-get install oathtool)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
