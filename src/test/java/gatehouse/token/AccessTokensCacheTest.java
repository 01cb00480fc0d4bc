package gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.config.ConfigLoader;
import gatehouse.config.SigningAlgorithm;
import gatehouse.domain.Role;
import gatehouse.token.Amr;
import gatehouse.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Verified access tokens are remembered until they expire, by the exact token, and only for their key set. */
class AccessTokensCacheTest {
    private static final SigningKeys KEYS = SigningKeys.of(SigningAlgorithm.RS256, List.of(SigningKey.generate("RSA")));
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final AccessTokens tokens = tokens(KEYS);

    private AccessTokens tokens(SigningKeys keys) {
        var auth = ConfigLoader.load(Map.of("auth.access-token-ttl", "PT60S"), Map.of()).auth();
        return new AccessTokens(keys, auth, clock);
    }

    private String signed() {
        return tokens.issue(UUID.randomUUID(), "alice", Role.MEMBER, UUID.randomUUID(), Amr.PASSWORD_AND_OTP);
    }

    @Test
    void a_token_verified_once_is_not_verified_again() throws Exception {
        String token = tokens(KEYS).issue(UUID.randomUUID(), "alice", Role.MEMBER, UUID.randomUUID(), Amr.PASSWORD);

        assertSame(tokens.verify(token), tokens.verify(token), "the second use is answered from the cache");
    }

    @Test
    void what_signing_hands_out_is_what_verifying_reads() throws Exception {
        String token = signed();
        AccessTokens.Signed signed = tokens.sign(UUID.randomUUID(), "bob", Role.ADMIN, UUID.randomUUID(), Amr.PASSWORD);

        // A second instance on the same keys has nothing cached: it really verifies.
        assertEquals(tokens(KEYS).verify(signed.token()), signed.claims());
        assertEquals(tokens(KEYS).verify(token), tokens.verify(token));
    }

    @Test
    void a_cached_token_still_expires_by_the_clock() throws Exception {
        String token = signed();
        tokens.verify(token);
        clock.advance(Duration.ofSeconds(60 + 4));
        tokens.verify(token);

        clock.advance(Duration.ofSeconds(2));

        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> tokens.verify(token));
        assertTrue(e.expired());
    }

    @Test
    void a_token_of_another_key_set_is_not_taken_from_the_cache() {
        String token = signed();
        var otherKeys = tokens(SigningKeys.of(SigningAlgorithm.RS256, List.of(SigningKey.generate("RSA"))));

        assertThrows(InvalidTokenException.class, () -> otherKeys.verify(token));
    }

    @Test
    void a_changed_token_is_verified_afresh_and_rejected() throws Exception {
        String token = signed();
        tokens.verify(token);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThrows(InvalidTokenException.class, () -> tokens.verify(forged));
    }
}
