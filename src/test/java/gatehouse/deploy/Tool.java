package gatehouse.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an installed command-line tool to completion; a missing tool fails the test, it never skips. */
final class Tool {
    private Tool() {}

    /** What a finished command printed (standard output and error together) and its exit code. */
    record Result(int exitCode, String output) {}

    static Result run(Path workDir, List<String> command) {
        Process process = start(workDir, command);
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** Starts {@code command} with its output merged and sent to {@code log} (for servers that keep running). */
    static Process start(Path workDir, List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw missing(command, e);
        }
    }

    private static Process start(Path workDir, List<String> command) {
        try {
            return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw missing(command, e);
        }
    }

    private static AssertionError missing(List<String> command, IOException e) {
        return new AssertionError(command.get(0) + " cannot be run (" + e.getMessage()
                + "); it is a required test tool: .ci/run installs it", e);
    }
}
