package gatehouse.bench;

import gatehouse.token.Amr;
import gatehouse.config.SigningAlgorithm;
import gatehouse.session.SessionValidityCache;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.token.AccessToken;
import gatehouse.token.AccessTokens;
import gatehouse.token.SigningKey;
import gatehouse.token.SigningKeys;
import gatehouse.domain.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code make bench}: the costs that matter for an auth server, measured side by side in one run and
 * reported as ratios, because this machine is shared and absolute numbers drift. Each case runs in
 * interleaved rounds so that a noisy moment hits every case alike.
 */
public final class Bench {
    private static final int ROUNDS = 7;
    /** Operations per round in the token table (each fresh-token verification needs a token signed first). */
    private static final int TOKEN_OPS = 100;

    public static void main(String[] args) throws Exception {
        System.out.println("Gatehouse benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.version") + "); medians of " + ROUNDS + " interleaved rounds\n");
        double signMicros = tokenVerification().get("RS256 sign");
        if (!Boolean.getBoolean("bench.skipPerRequest")) {
            requests();
        }
        if (!Boolean.getBoolean("bench.skipThroughput")) {
            System.out.println("throughput (wrk, the built jar, " + Throughput.MEMBERS + " members):");
            long start = System.nanoTime();
            Map<String, Object> results = new Throughput(Path.of("src/test/resources/bench")).run(signMicros);
            Results.write(results, Path.of("target/bench"));
            System.out.printf("%n(throughput part took %.0f s)%n", (System.nanoTime() - start) / 1e9);
        }
    }

    /** Verifying an access token, per algorithm: why RS256 is the default. */
    private static Map<String, Double> tokenVerification() throws Exception {
        var auth = TestApp.builder().start();
        var config = auth.config().auth();
        auth.close();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Map<String, Callable<Object>> cases = new LinkedHashMap<>();
        for (SigningAlgorithm algorithm : List.of(SigningAlgorithm.RS256, SigningAlgorithm.ES256)) {
            var keys = SigningKeys.of(algorithm, List.of(SigningKey.generate(algorithm == SigningAlgorithm.RS256 ? "RSA" : "EC")));
            var tokens = new AccessTokens(keys, config, Clock.systemUTC());
            String token = tokens.issue(user, "bench", Role.MEMBER, session, Amr.PASSWORD);
            // Verified tokens are cached: a fresh token each time (signed by another instance on the same
            // keys) measures the signature check itself; the same token again measures the cache.
            var signer = new AccessTokens(keys, config, Clock.systemUTC());
            String[] fresh = new String[TOKEN_OPS * (ROUNDS + 1)];
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = signer.issue(user, "bench", Role.MEMBER, session, Amr.PASSWORD);
            }
            int[] next = {0};
            cases.put(algorithm + " verify", () -> tokens.verify(fresh[next[0]++]));
            cases.put(algorithm + " verify, cached", () -> tokens.verify(token));
            cases.put(algorithm + " sign", () -> tokens.issue(user, "bench", Role.MEMBER, session, Amr.PASSWORD));
        }
        return report("per token operation", cases, TOKEN_OPS, "RS256 verify");
    }

    /** Whole HTTP requests against one running instance (H2 in memory, loopback). */
    private static void requests() throws Exception {
        try (TestApp app = TestApp.builder().set("auth.bcrypt-cost", "12").start()) {
            app.createMember("bench", Role.MEMBER);
            TestClient browser = app.loggedIn("bench");
            TestClient anonymous = app.client();
            var status = new SessionValidityCache(app.services().sessionDao(), Clock.systemUTC());
            AccessToken token = new AccessTokens(app.keys(), app.config().auth(), Clock.systemUTC())
                    .verify(browser.cookie("access_token").orElseThrow());
            Map<String, Callable<Object>> cases = new LinkedHashMap<>();
            cases.put("GET /health (no auth)", () -> anonymous.get("/health"));
            cases.put("GET /login (page, anonymous)", () -> anonymous.get("/login"));
            cases.put("GET /me (token + session check + page)", () -> browser.get("/me"));
            cases.put("session check, cached", () -> status.accepts(token));
            cases.put("session check, uncached (DB)", () -> {
                status.forget(token.sessionId());
                return status.accepts(token);
            });
            report("per request", cases, 200, "GET /health (no auth)");
            Map<String, Callable<Object>> login = new LinkedHashMap<>();
            login.put("POST /login (bcrypt cost 12)", () -> anonymous.logIn("bench", TestApp.PASSWORD));
            login.put("POST /login, unknown user", () -> anonymous.logIn("nobody-here", TestApp.PASSWORD));
            report("per login (unknown users must cost the same)", login, 3, "POST /login (bcrypt cost 12)");
        }
    }

    private static Map<String, Double> report(String title, Map<String, Callable<Object>> cases, int perRound, String baseline) throws Exception {
        Map<String, double[]> samples = new LinkedHashMap<>();
        cases.keySet().forEach(name -> samples.put(name, new double[ROUNDS]));
        for (var c : cases.values()) {
            for (int i = 0; i < perRound; i++) {
                c.call(); // warm-up
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (var entry : cases.entrySet()) {
                long start = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    entry.getValue().call();
                }
                samples.get(entry.getKey())[round] = (System.nanoTime() - start) / 1000.0 / perRound;
            }
        }
        double base = median(samples.get(baseline));
        System.out.println(title + ":");
        samples.forEach((name, values) -> System.out.printf("  %-42s %10.1f µs   %6.2f× %s%n",
                name, median(values), median(values) / base, baseline));
        System.out.println();
        Map<String, Double> medians = new LinkedHashMap<>();
        samples.forEach((name, values) -> medians.put(name, median(values)));
        return medians;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
