package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.testing.JarProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curl-and-jq session of the README's "Using the API", run as written against the built jar, so the README cannot rot. */
class ReadmeApiIT {
    private static final Pattern SCRIPT = Pattern.compile("```sh\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void the_readme_shell_session_signs_up_logs_in_calls_me_refreshes_and_logs_out(@TempDir Path dir) throws Exception {
        for (String tool : new String[] {"curl", "jq", "bash"}) {
            boolean present = new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
            if (!present) {
                System.out.println("[readme-api] SKIPPED: " + tool + " is not installed");
            }
            Assumptions.assumeTrue(present, tool + " is not installed");
        }
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Using the API");
        assertTrue(section >= 0, "README.md has a section \"Using the API\"");
        Matcher block = SCRIPT.matcher(readme);
        assertTrue(block.find(section), "the section has a ```sh block");
        Path script = Files.writeString(dir.resolve("session.sh"), block.group(1));

        try (JarProcess gatehouse = JarProcess.start(dir, JarProcess.h2Environment(dir.resolve("data")), null)) {
            ProcessBuilder session = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
            session.environment().put("API", gatehouse.baseUrl() + "/api/v1");
            Process run = session.start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(run.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, run.exitValue(), output);
            assertTrue(output.contains("\"username\": \"minji\""), output);
            assertTrue(output.contains("\"tokenType\": \"Bearer\""), output);
            assertTrue(output.contains("\n204\n"), "logout answered 204: " + output);
            assertTrue(output.contains("\"status\": 401"), "the old access token is refused after logout: " + output);
        }
    }
}
