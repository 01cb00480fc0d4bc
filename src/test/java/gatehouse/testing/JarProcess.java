package gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar gatehouse.jar …} in its own process, as an operator runs it, with its output collected as
 * it comes. The jar is the one failsafe names in {@code gatehouse.jar} (else target/gatehouse.jar).
 */
public final class JarProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("Gatehouse serves on http://[^:]+:(\\d+)");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Thread> pumps = new ArrayList<>();

    private JarProcess(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), out));
        pumps.add(pump(process.getErrorStream(), err));
    }

    /**
     * The variables of a server on the embedded H2 database under {@code dataDir}, on a free loopback port, with
     * bcrypt cost 4 (mutable: a test adds its own).
     */
    public static Map<String, String> h2Environment(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("GATEHOUSE_DATA_DIR", dataDir.toString());
        env.put("GATEHOUSE_SERVER_PORT", "0");
        env.put("GATEHOUSE_SERVER_HOST", "127.0.0.1");
        env.put("GATEHOUSE_AUTH_BCRYPT_COST", "4");
        return env;
    }

    /** What an operator reads must be sentences, not a Java stack trace. */
    public static void assertNoStackTrace(String text) {
        assertFalse(text.contains("\tat "), text);
        assertFalse(text.contains("Exception"), text);
    }

    /** Starts the jar in {@code workDir} with only the given GATEHOUSE_ variables; {@code stdin} may be null. */
    public static JarProcess start(Path workDir, Map<String, String> environment, String stdin, String... args) {
        Path jar = Path.of(System.getProperty("gatehouse.jar", "target/gatehouse.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar + " (run mvn verify)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().putAll(environment);
        try {
            JarProcess jarProcess = new JarProcess(builder.start());
            try (OutputStream in = jarProcess.process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            return jarProcess;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thread pump(InputStream from, OutputStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                    }
                }
            } catch (IOException closed) {
                // The process ended.
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    public String stdout() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    public String stderr() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits for the end (at most a minute) and returns the exit code, all output collected. */
    public int waitForExit() {
        try {
            assertTrue(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the process did not end; stderr:\n" + stderr());
            // The pumps end at end of stream: after that, all output has been collected.
            for (Thread pump : pumps) {
                pump.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** The port from the start-up log line, once it appears, and /health then answers 200. */
    public String baseUrl() {
        int[] port = new int[1];
        Eventually.within(DEADLINE, "the start-up line", () -> {
            assertTrue(process.isAlive(), "the server ended before it served; stderr:\n" + stderr());
            Matcher m = SERVING.matcher(stderr() + stdout());
            if (!m.find()) {
                return false;
            }
            port[0] = Integer.parseInt(m.group(1));
            return true;
        });
        String url = "http://127.0.0.1:" + port[0];
        TestClient client = new TestClient(url);
        Eventually.within(DEADLINE, "/health to answer 200", () -> {
            try {
                return client.get("/health").status() == 200;
            } catch (UncheckedIOException notYet) {
                return false;
            }
        });
        return url;
    }

    /** SIGTERM, as a service manager stops it; waits for the end and returns the exit code. */
    public int stop() {
        // Process.destroy() would also close our ends of the pipes, losing what the shutdown hook logs.
        assertTrue(process.toHandle().destroy(), "SIGTERM sent");
        return waitForExit();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
