package gatehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/gatehouse.service as systemd reads it: valid, sandboxed, and with JVM flags the JVM accepts. */
class ServiceUnitTest {
    private static final Path UNIT = Path.of("deploy", "gatehouse.service");

    @TempDir
    Path dir;

    /** {@code systemd-analyze verify} needs no running systemd; it warns (exit 0) on unknown keys, so output counts too. */
    private Tool.Result verify(String unitText) throws IOException {
        Path copy = dir.resolve("gatehouse.service");
        Files.writeString(copy, unitText);
        return Tool.run(dir, List.of("systemd-analyze", "verify", "--man=no", copy.toString()));
    }

    @Test
    void systemd_analyze_verify_accepts_the_unit_without_a_warning() throws IOException {
        Tool.Result result = verify(Files.readString(UNIT));

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("", result.output().strip(), "systemd-analyze verify warned");
    }

    @Test
    void the_check_notices_a_misspelt_setting() throws IOException {
        Tool.Result result = verify(Files.readString(UNIT).replace("NoNewPrivileges=", "NoNewPrivilege="));

        assertTrue(result.output().contains("Unknown key 'NoNewPrivilege'"), result.output());
    }

    @Test
    void the_service_runs_as_its_own_user_in_a_read_only_system_and_restarts_on_failure() throws IOException {
        List<String> lines = Files.readAllLines(UNIT).stream().map(String::strip).toList();

        assertTrue(lines.contains("DynamicUser=yes") || lines.stream().anyMatch(l -> l.startsWith("User=")), "a dedicated user");
        for (String setting : List.of("StateDirectory=gatehouse", "ProtectSystem=strict", "NoNewPrivileges=yes",
                "Restart=on-failure", "CapabilityBoundingSet=")) {
            assertTrue(lines.contains(setting), "missing " + setting);
        }
    }

    @Test
    void the_jvm_accepts_the_flags_of_exec_start() throws IOException {
        String execStart = Files.readAllLines(UNIT).stream().filter(l -> l.startsWith("ExecStart="))
                .findFirst().orElseThrow().substring("ExecStart=".length());
        List<String> command = new ArrayList<>(Arrays.asList(execStart.split("\\s+")));
        int jar = command.indexOf("-jar");
        assertNotEquals(-1, jar, "ExecStart starts the jar");
        // The same JVM with the same flags, asked only for its version: an unknown or malformed flag fails here.
        List<String> check = new ArrayList<>(command.subList(0, jar));
        check.add("-version");

        Tool.Result result = Tool.run(dir, check);

        assertEquals(0, result.exitCode(), result.output());
    }
}
