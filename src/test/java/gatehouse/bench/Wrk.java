package gatehouse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@code wrk} load generator and reads its summary. */
final class Wrk {
    /** One run's figures; latencies in milliseconds, errors = non-200 answers + socket errors. */
    record Result(double requestsPerSecond, double p50, double p99, long requests, long errors) {}

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern COUNT = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_200 = Pattern.compile("Non-200: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final Path scripts;

    Wrk(Path scripts) {
        this.scripts = scripts;
    }

    /**
     * @param script a Lua file in the scripts directory
     * @param environment what the script reads with os.getenv
     */
    Result run(String url, int threads, int connections, int seconds, String script, List<String> headers,
               Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "--timeout", "30s", "-s", scripts.resolve(script).toString()));
        headers.forEach(h -> command.addAll(List.of("-H", h)));
        command.add(url);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process wrk = builder.start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        return parse(out);
    }

    static Result parse(String out) {
        long socketErrors = 0;
        Matcher socket = SOCKET.matcher(out);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                socketErrors += Long.parseLong(socket.group(i));
            }
        }
        return new Result(number(RATE, out), latency(out, "50%"), latency(out, "99%"), (long) number(COUNT, out),
                (long) number(NON_200, out) + socketErrors);
    }

    private static double number(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk output without " + pattern + ":\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    /** A latency percentile in ms; wrk prints us, ms or s. */
    private static double latency(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk output without the " + percentile + " latency:\n" + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
