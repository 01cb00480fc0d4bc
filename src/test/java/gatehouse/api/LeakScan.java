package gatehouse.api;

import gatehouse.session.RefreshTokens;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks through response bodies for what must never leave the server: bcrypt hashes, stored token hashes
 * (a 64-hex run equal to a hash in the database, or to the SHA-256 of a refresh token handed out), key
 * material and stack traces. Returns one line per finding.
 */
final class LeakScan {
    private static final Pattern HEX64 = Pattern.compile("(?i)(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");
    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"");

    private LeakScan() {}

    /**
     * @param bodies every response body of a test, labelled ("GET /api/v1/me -> 200")
     * @param storedHashes the token hashes in the database at the end of the test
     */
    static List<String> findings(List<String[]> bodies, Collection<String> storedHashes) {
        Set<String> hashes = new java.util.HashSet<>();
        storedHashes.forEach(h -> hashes.add(h.toLowerCase()));
        // Hashes of sessions deleted during the test are gone from the database: recompute them.
        for (String[] labelled : bodies) {
            Matcher token = REFRESH_TOKEN.matcher(labelled[1]);
            while (token.find()) {
                hashes.add(RefreshTokens.hash(token.group(1)));
            }
        }
        List<String> findings = new ArrayList<>();
        for (String[] labelled : bodies) {
            String label = labelled[0];
            String body = labelled[1];
            if (body.contains("$2a$") || body.contains("$2b$") || body.contains("$2y$")) {
                findings.add(label + ": contains a bcrypt hash");
            }
            Matcher hex = HEX64.matcher(body);
            while (hex.find()) {
                if (hashes.contains(hex.group().toLowerCase())) {
                    findings.add(label + ": contains the stored token hash " + hex.group());
                }
            }
            if (body.contains("Exception") || body.contains("\tat ") || body.contains("\\tat ")) {
                findings.add(label + ": contains a stack trace or exception name");
            }
            if (body.contains("PRIVATE KEY")) {
                findings.add(label + ": contains key material");
            }
        }
        return findings;
    }
}
