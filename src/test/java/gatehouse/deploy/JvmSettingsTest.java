package gatehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM settings chosen with {@code make bench} (the Makefile's JAVA_OPTS) are the ones every documented way
 * of starting Gatehouse uses, and they keep the direct memory of H2's file I/O small.
 */
class JvmSettingsTest {
    private static final String BUFFER_CAP = "-Djdk.nio.maxCachedBufferSize=";

    private static List<String> makefileFlags() throws IOException {
        return flags(find(Path.of("Makefile"), "(?m)^JAVA_OPTS \\?= (.+)$"));
    }

    @Test
    void the_readme_the_container_and_the_service_unit_start_the_jvm_as_make_run_does() throws IOException {
        List<String> settings = makefileFlags();
        var places = List.of(
                find(Path.of("README.md"), "(?m)^java (.+) -jar target/gatehouse.jar$"),
                find(Path.of("Containerfile"), "(?m)^ENV JAVA_OPTS=\"(.+)\"$"),
                find(Path.of("deploy", "gatehouse.service"), "(?m)^ExecStart=/usr/bin/java (.+) -jar "));
        for (String place : places) {
            List<String> missing = new ArrayList<>(settings);
            missing.removeAll(flags(place));
            assertEquals(List.of(), missing, "missing from: " + place);
        }
    }

    /**
     * For I/O through a heap buffer, as H2 does on every commit and page read, the JDK keeps a temporary direct
     * buffer per thread, of any size: under sustained load a server's direct memory grew to ~24 MB this way
     * (its resident memory by ~5 MB a minute); capped, it stayed under 4 MB. Shown here with 1 MB buffers.
     */
    @Test
    void with_these_settings_threads_doing_file_io_keep_no_large_direct_buffers() throws IOException {
        List<String> settings = makefileFlags();
        List<String> uncapped = settings.stream().filter(flag -> !flag.startsWith(BUFFER_CAP)).toList();
        assertTrue(uncapped.size() < settings.size(), "JAVA_OPTS caps the cached buffers: " + settings);

        long withoutCap = directMemoryAfterProbe(uncapped);
        long withCap = directMemoryAfterProbe(settings);

        long cached = (long) TemporaryBuffersProbe.THREADS * TemporaryBuffersProbe.BUFFER;
        assertTrue(withoutCap >= cached, "the probe shows the cache (" + withoutCap + " bytes without the cap)");
        assertTrue(withCap < TemporaryBuffersProbe.BUFFER, withCap + " bytes of direct memory kept with the cap");
    }

    private static long directMemoryAfterProbe(List<String> flags) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TemporaryBuffersProbe.class.getName()));
        Tool.Result result = Tool.run(Path.of("."), command);
        assertEquals(0, result.exitCode(), result.output());
        Matcher direct = Pattern.compile("direct=(\\d+)").matcher(result.output());
        assertTrue(direct.find(), result.output());
        return Long.parseLong(direct.group(1));
    }

    private static String find(Path file, String regex) throws IOException {
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(file));
        assertTrue(matcher.find(), file + " has no line matching " + regex);
        return matcher.group(1);
    }

    private static List<String> flags(String line) {
        return Arrays.asList(line.strip().split("\\s+"));
    }
}
