package gatehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Prints the throughput table and writes it as {@code results.md} and {@code results.json}. */
final class Results {
    private Results() {}

    static void write(Map<String, Object> results, Path dir) throws IOException {
        String table = markdown(results);
        System.out.println(table);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), table);
        Throughput.json().writeValue(dir.resolve("results.json").toFile(), results);
        System.out.println("written: " + dir.resolve("results.md") + ", " + dir.resolve("results.json"));
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> r) {
        var out = new StringBuilder();
        out.append(String.format("%d cores, Java %s, JVM flags `%s`, %,d members, H2 (embedded)%n%n",
                (Integer) r.get("cores"), r.get("java"), r.get("jvmFlags"), (Integer) r.get("members")));
        out.append("| request | req/s | p50 ms | p99 ms | errors | /health around it, req/s | ratio to /health | target | met |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (Throughput.Row row : (List<Throughput.Row>) r.get("rows")) {
            var w = row.result();
            out.append(String.format("| %s | %s | %.2f | %.2f | %d | %,.0f | %.2f | %s | %s |%n", row.request(),
                    rate(w.requestsPerSecond()), w.p50(), w.p99(), w.errors(), row.health(), row.ratio(),
                    row.target() == null ? "" : row.target(), row.met() == null ? "" : row.met() ? "yes" : "**no**"));
        }
        out.append(String.format("%nRS256 signature %.0f µs → signing ceiling %,.0f/s on %d cores; bcrypt cost %d: %.0f ms per hash.%n",
                (Double) r.get("rs256SignMicros"), (Double) r.get("signingCeilingPerSecond"), (Integer) r.get("cores"),
                (Integer) r.get("bcryptCost"), (Double) r.get("bcryptMillis")));
        out.append(String.format("Refresh measured after %d s of refreshing.%n", (Integer) r.get("refreshWarmUpSeconds")));
        out.append(String.format("Start-up to the first 200 from /health: %.0f ms (target %s: %s).%n",
                (Double) r.get("startupMillis"), r.get("startupTarget"), yes(r.get("startupMet"))));
        out.append(String.format("Resident memory after the run: %.0f MiB (target %s: %s).%n",
                (Double) r.get("rssMiB"), r.get("rssTarget"), yes(r.get("rssMet"))));
        out.append(String.format("H2 file: %.0f MiB with the members inserted, %.0f MiB after the run.%n",
                (Double) r.get("dataFileBeforeMiB"), (Double) r.get("dataFileAfterMiB")));
        out.append(String.format("Zero errors everywhere: %s.%n", yes(r.get("zeroErrors"))));
        return out.toString();
    }

    private static String rate(double perSecond) {
        return perSecond < 100 ? String.format("%.1f", perSecond) : String.format("%,.0f", perSecond);
    }

    private static String yes(Object met) {
        return Boolean.TRUE.equals(met) ? "yes" : "**no**";
    }
}
