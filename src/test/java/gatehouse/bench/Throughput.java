package gatehouse.bench;

import static gatehouse.testing.TestApp.PASSWORD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gatehouse.account.Passwords;
import gatehouse.config.Config;
import gatehouse.config.ConfigLoader;
import gatehouse.db.Database;
import gatehouse.db.DatabaseLocation;
import gatehouse.domain.Role;
import gatehouse.testing.BulkMembers;
import gatehouse.testing.Directories;
import gatehouse.testing.Eventually;
import gatehouse.token.KeyFiles;
import gatehouse.token.SigningKeys;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * The throughput table of {@code make bench}: the built jar, started as a user starts it, on a temporary
 * data dir holding 10,000 members, driven by {@code wrk}. Every request is measured after a warm-up;
 * ratios to {@code /health} in the same run are what to compare, since the machine is shared.
 */
final class Throughput {
    static final int MEMBERS = 10_000;
    private static final int WARM_UP = 2;
    /** Before the first measured row every request of the table runs this long, so that no row meets a cold JIT. */
    private static final int FIRST_WARM_UP = 5;
    /**
     * Refresh runs ~20 times fewer requests a second than the pages, so its own code (H2's write path, the
     * signature, the JSON body) reaches the optimising compiler much later: measured 8 s at a time after the
     * pages' warm-up, one instance refreshed 338, 373, 397, 423, 505, 517 and 601 req/s. The default keeps
     * the whole bench under 4 minutes; {@code BENCH_REFRESH_WARM_UP=60 make bench} measures it warm.
     */
    private static final int REFRESH_WARM_UP = Integer.getInteger("bench.refreshWarmUp", WARM_UP);
    private static final int STARTS = 3;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 8);
    private static final int PROBE = 3;
    /** For a quick look while optimising: {@code -Dbench.only=me,admin} measures only rows naming one of these. */
    private static final List<String> ONLY = List.of(System.getProperty("bench.only", "").split(","));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the table; {@code health} is the /health rate around it, which {@code ratio} divides by. */
    record Row(String request, Wrk.Result result, double health, Double ratio, String target, Boolean met) {}

    /** A GET of the table, with the headers (a bearer token or cookies) it is sent with. */
    private record Get(String path, List<String> headers) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final Wrk wrk;
    private final Path dataDir;
    private String base;
    private Process server;
    private Path warmTokens;
    private Path tokens;
    /** The H2 file: every commit writes to it, and it grows unless it is compacted as it goes. */
    private Path dataFile;
    private long dataFileBeforeRun;

    Throughput(Path scripts) throws IOException {
        this.wrk = new Wrk(scripts);
        this.dataDir = Files.createTempDirectory("gatehouse-bench");
    }

    /** @param signMicros one RS256 signature, measured in this run */
    Map<String, Object> run(double signMicros) throws Exception {
        Config config = ConfigLoader.load(Map.of("data.dir", dataDir.toString()), Map.of());
        dataFile = DatabaseLocation.h2DataFile(DatabaseLocation.h2File(config.db().url()).orElseThrow());
        byte[] pepper = KeyFiles.loadOrCreatePepper(config.auth().pepperFile());
        SigningKeys.load(config.auth());
        double bcryptMs = bcryptMillis(new Passwords(pepper, config.auth().bcryptCost()));
        String hash = new Passwords(pepper, config.auth().bcryptCost()).hash(PASSWORD);
        long insertStart = System.nanoTime();
        try (Database db = Database.open(config.db())) {
            BulkMembers.insert(db.jdbi(), "member", MEMBERS, Role.MEMBER, hash, Instant.now());
            BulkMembers.insert(db.jdbi(), "benchadmin", 1, Role.ADMIN, hash, Instant.now());
            // Sessions for the refresh runs, opened directly: 16 bcrypt logins would cost more than the run.
            warmTokens = tokenFile(BulkMembers.sessions(db.jdbi(), names(200), Instant.now()), "warm");
            tokens = tokenFile(BulkMembers.sessions(db.jdbi(), names(300), Instant.now()), "measured");
        }
        System.out.printf("  %,d members inserted in %.1f s%n", MEMBERS, (System.nanoTime() - insertStart) / 1e9);
        dataFileBeforeRun = Files.size(dataFile);

        double startupMs = medianStartup();
        Map<String, Object> results;
        try {
            results = measure(signMicros, bcryptMs, config.auth().bcryptCost(), startupMs);
        } finally {
            server.destroy();
            server.waitFor();
        }
        // The H2 file and the server's log of every request: a few hundred MB a run, left in /tmp by each run
        // before. Kept when a run fails, for its server.log.
        Directories.delete(dataDir);
        return results;
    }

    private Map<String, Object> measure(double signMicros, double bcryptMs, int bcryptCost, double startupMs)
            throws Exception {
        JsonNode member = login("member100");
        JsonNode admin = login("benchadmin0");
        List<String> bearer = List.of("Authorization: Bearer " + member.get("accessToken").asText());
        List<String> memberCookies = List.of("Cookie: access_token=" + member.get("accessToken").asText()
                + "; refresh_token=" + member.get("refreshToken").asText());
        List<String> adminCookies = List.of("Cookie: access_token=" + admin.get("accessToken").asText()
                + "; refresh_token=" + admin.get("refreshToken").asText());
        List<Get> table = List.of(new Get("/health", List.of()), new Get("/api/v1/me", bearer), new Get("/me", memberCookies),
                new Get("/admin/users", adminCookies), new Get("/admin/users?page=200", adminCookies));
        for (Get get : table) {
            expect200(get.path(), get.headers());
        }
        // The JIT compiles the page paths for a minute and more: /health, itself soon warm, rose from ~5,000 to
        // ~17,000 req/s during a run while the pages measured early were still being compiled.
        for (Get get : table) {
            wrk.run(base + get.path(), 2, 32, FIRST_WARM_UP, "status.lua", get.headers(), Map.of());
        }

        // The machine may be shared: /health is measured again between the rows, and each row's ratio is
        // to the /health rates just before and just after it, not to one figure from minutes earlier.
        List<Row> rows = new ArrayList<>();
        Wrk.Result health = get("/health", List.of());
        Wrk.Result apiMe = wanted("apiMe") ? get("/api/v1/me", bearer) : SKIPPED;
        double h1 = probeHealth();
        Wrk.Result mePage = wanted("me") ? get("/me", memberCookies) : SKIPPED;
        double h2 = probeHealth();
        Wrk.Result adminFirst = wanted("admin") ? get("/admin/users", adminCookies) : SKIPPED;
        double h3 = probeHealth();
        Wrk.Result admin200 = wanted("admin") ? get("/admin/users?page=200", adminCookies) : SKIPPED;
        double h4 = probeHealth();
        Wrk.Result refresh = SKIPPED;
        if (wanted("refresh")) {
            wrk.run(base + "/", 8, 8, REFRESH_WARM_UP, "refresh.lua", List.of(), Map.of("BENCH_TOKENS", warmTokens.toString()));
            refresh = wrk.run(base + "/", 8, 8, SECONDS, "refresh.lua", List.of(), Map.of("BENCH_TOKENS", tokens.toString()));
        }
        double h5 = probeHealth();
        Wrk.Result[] storm = wanted("storm") ? storm(bearer) : new Wrk.Result[] {SKIPPED, SKIPPED};
        Wrk.Result healthAgain = get("/health", List.of());
        double h0 = health.requestsPerSecond();
        double h6 = healthAgain.requestsPerSecond();

        int cores = Runtime.getRuntime().availableProcessors();
        double ceiling = cores / (signMicros / 1e6);
        rows.add(row("GET /health", health, h0, h0, null, null));
        rows.add(row("GET /api/v1/me (Bearer)", apiMe, h0, h1, "≥ 0.60", r -> r >= 0.60));
        rows.add(row("GET /me (page, cookies)", mePage, h1, h2, "≥ 0.40", r -> r >= 0.40));
        rows.add(row("GET /admin/users (page 1 of 10,000)", adminFirst, h2, h3, "≥ 0.25", r -> r >= 0.25));
        rows.add(row("GET /admin/users?page=200", admin200, h3, h4, "≥ 0.10", r -> r >= 0.10));
        Row refreshRow = row("POST /api/v1/auth/refresh (8 conns, own token each)", refresh, h4, h5,
                String.format("≥ %.0f/s (0.60 × signing ceiling)", 0.6 * ceiling), r -> true);
        rows.add(new Row(refreshRow.request(), refresh, refreshRow.health(), refreshRow.ratio(), refreshRow.target(),
                refresh.requestsPerSecond() >= 0.6 * ceiling && refresh.errors() == 0));
        rows.add(row("POST /api/v1/auth/login (storm, 16 conns, bcrypt " + bcryptCost + ")", storm[0], h5, h6, null, null));
        Row during = row("GET /api/v1/me during the storm (16 conns)", storm[1], h5, h6, "p99 < 50 ms", r -> true);
        rows.add(new Row(during.request(), storm[1], during.health(), during.ratio(), during.target(),
                storm[1].p99() < 50 && storm[1].errors() == 0));
        rows.add(row("GET /health (again, after the rest)", healthAgain, h6, h6, null, null));

        long rssKb = rssKb();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("cores", cores);
        results.put("java", System.getProperty("java.version"));
        results.put("jvmFlags", System.getProperty("bench.jvm", ""));
        results.put("members", MEMBERS);
        results.put("rows", rows);
        results.put("rs256SignMicros", signMicros);
        results.put("signingCeilingPerSecond", ceiling);
        results.put("refreshWarmUpSeconds", REFRESH_WARM_UP);
        results.put("bcryptCost", bcryptCost);
        results.put("bcryptMillis", bcryptMs);
        results.put("startupMillis", startupMs);
        results.put("startupTarget", "< 1500 ms");
        results.put("startupMet", startupMs < 1500);
        results.put("rssMiB", rssKb / 1024.0);
        results.put("rssTarget", "< 300 MB");
        results.put("rssMet", rssKb * 1024.0 < 300e6);
        results.put("dataFileBeforeMiB", dataFileBeforeRun / 1048576.0);
        results.put("dataFileAfterMiB", Files.size(dataFile) / 1048576.0);
        results.put("zeroErrors", rows.stream().allMatch(r -> r.result().errors() == 0));
        return results;
    }

    private static final Wrk.Result SKIPPED = new Wrk.Result(0, 0, 0, 0, 0);

    private static boolean wanted(String row) {
        return ONLY.size() == 1 && ONLY.get(0).isEmpty() || ONLY.contains(row);
    }

    /** 16 connections logging in while 16 others call /api/v1/me: [login, me]. */
    private Wrk.Result[] storm(List<String> bearer) throws Exception {
        Path underWay = dataDir.resolve("storm-under-way");
        Files.deleteIfExists(underWay);
        var env = Map.of("BENCH_PREFIX", "member", "BENCH_COUNT", "64", "BENCH_PASSWORD", PASSWORD,
                "BENCH_CONNECTIONS", "16", "BENCH_UNDER_WAY", underWay.toString());
        CompletableFuture<Wrk.Result> logins = CompletableFuture.supplyAsync(() -> {
            try {
                return wrk.run(base + "/", 1, 16, SECONDS + 2, "login.lua", List.of(), env);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The measured calls start once the storm is under way: every one of its 16 connections has a login in
        // flight (login.lua creates the file when it has sent the 16th), so the server is hashing from then on.
        Duration wait = Eventually.within(Duration.ofSeconds(60), "every storm connection to have sent a login", () -> {
            if (logins.isDone()) {
                logins.join(); // a failed wrk says why here
                throw new IllegalStateException("the login storm ended before it was under way");
            }
            return Files.exists(underWay);
        });
        System.out.printf("  login storm under way after %d ms%n", wait.toMillis());
        Wrk.Result me = wrk.run(base + "/api/v1/me", 1, 16, SECONDS, "status.lua", bearer, Map.of());
        return new Wrk.Result[] {logins.join(), me};
    }

    private Wrk.Result get(String path, List<String> headers) throws Exception {
        wrk.run(base + path, 2, 32, WARM_UP, "status.lua", headers, Map.of());
        return wrk.run(base + path, 2, 32, SECONDS, "status.lua", headers, Map.of());
    }

    private static Row row(String request, Wrk.Result result, double healthBefore, double healthAfter, String target,
                           java.util.function.DoublePredicate meets) {
        double health = (healthBefore + healthAfter) / 2;
        double ratio = result.requestsPerSecond() / health;
        Boolean met = meets == null ? null : meets.test(ratio) && result.errors() == 0;
        return new Row(request, result, health, ratio, target, met);
    }

    /** A short /health run between two rows (the server is warm by then). */
    private double probeHealth() throws Exception {
        return wrk.run(base + "/health", 2, 32, PROBE, "status.lua", List.of(), Map.of()).requestsPerSecond();
    }

    /** The median of three starts (the last one stays up for the run): one start alone varied by 0.3 s. */
    private double medianStartup() throws Exception {
        double[] times = new double[STARTS];
        for (int i = 0; i < STARTS; i++) {
            if (i > 0) {
                server.destroy();
                server.waitFor();
            }
            times[i] = start();
        }
        System.out.printf("  start-up to the first 200: %s ms%n", Arrays.toString(Arrays.stream(times).map(Math::rint).toArray()));
        Arrays.sort(times);
        return times[STARTS / 2];
    }

    /**
     * Waits (at most 30 s) until this JVM has used under a tenth of a core over half a second: right after the
     * bulk insert its compiler and collector may still run on the same two cores, and a start then measures the
     * bench as well as Gatehouse.
     */
    private static void awaitQuietBench() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] since = {System.nanoTime(), os.getProcessCpuTime()};
        try {
            Eventually.within(Duration.ofSeconds(30), Duration.ofMillis(100), "the bench JVM to go quiet", () -> {
                long wall = System.nanoTime() - since[0];
                if (wall < Duration.ofMillis(500).toNanos()) {
                    return false;
                }
                long cpu = os.getProcessCpuTime() - since[1];
                since[0] += wall;
                since[1] += cpu;
                return cpu < wall / 10;
            });
        } catch (AssertionError stillBusy) {
            System.out.println("  (the bench JVM was still busy after 30 s; starting anyway)");
        }
    }

    /** Starts the jar as {@code make run} does; returns the time to the first 200 from /health, in ms. */
    private double start() throws Exception {
        awaitQuietBench();
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>(List.of("java"));
        String flags = System.getProperty("bench.jvm", "").trim();
        if (!flags.isEmpty()) {
            command.addAll(Arrays.asList(flags.split("\\s+")));
        }
        Path cds = Path.of(System.getProperty("bench.cds", "target/gatehouse.jsa")).toAbsolutePath();
        if (Files.isRegularFile(cds)) {
            command.add("-XX:SharedArchiveFile=" + cds);
        }
        String jfr = System.getProperty("bench.jfr", "");
        if (!jfr.isEmpty()) {
            command.add("-XX:FlightRecorderOptions:stackdepth=256");
            command.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings="
                    + Path.of("src/test/resources/bench/sampling.jfc").toAbsolutePath());
        }
        command.addAll(List.of("-jar", Path.of(System.getProperty("bench.jar", "target/gatehouse.jar")).toAbsolutePath().toString()));
        var builder = new ProcessBuilder(command).directory(dataDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
        var env = builder.environment();
        env.put("GATEHOUSE_DATA_DIR", dataDir.toString());
        env.put("GATEHOUSE_SERVER_HOST", "127.0.0.1");
        env.put("GATEHOUSE_SERVER_PORT", String.valueOf(port));
        // One client address sends every request here: the per-IP limits would answer 429.
        env.put("GATEHOUSE_SERVER_RATE_LIMIT_BURST", "1000000");
        // The bench's administrator has no authenticator app; the member list is what is measured.
        env.put("GATEHOUSE_AUTH_ADMIN_SECOND_FACTOR", "optional");
        System.out.println("  " + String.join(" ", command));
        long t0 = System.nanoTime();
        server = builder.start();
        // Polled every 5 ms, not Eventually's 50: the time to the first 200 is a figure of the table.
        Eventually.within(Duration.ofSeconds(60), Duration.ofMillis(5), "/health to answer 200", () -> {
            try {
                if (HealthProbe.answers200(port)) {
                    return true;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the server stopped; see " + dataDir.resolve("server.log"));
            }
            return false;
        });
        return (System.nanoTime() - t0) / 1e6;
    }

    private JsonNode login(String username) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", PASSWORD))))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login of " + username + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Eight members from {@code first} on. */
    private static List<String> names(int first) {
        return IntStream.range(first, first + 8).mapToObj(i -> "member" + i).toList();
    }

    /** Refresh tokens one a line, for refresh.lua. */
    private Path tokenFile(List<String> refreshTokens, String name) throws IOException {
        Path file = dataDir.resolve("tokens-" + name);
        Files.write(file, refreshTokens);
        return file;
    }

    private void expect200(String path, List<String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path));
        headers.forEach(h -> request.header(h.substring(0, h.indexOf(':')), h.substring(h.indexOf(':') + 1).trim()));
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException(path + " answers " + status + " before the run");
        }
    }

    private long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static double bcryptMillis(Passwords passwords) {
        double[] times = new double[3];
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            passwords.hash(PASSWORD);
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        return times[1];
    }

    static ObjectMapper json() {
        return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
