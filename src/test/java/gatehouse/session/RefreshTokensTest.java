package gatehouse.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.token.Amr;
import gatehouse.account.User;
import gatehouse.audit.AuditEntry;
import gatehouse.audit.AuditEvent;
import gatehouse.testing.MutableClock;
import gatehouse.testing.TestApp;
import gatehouse.domain.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rotation, grace and reuse detection of refresh-token families, on H2 and MariaDB. */
class RefreshTokensTest {
    private static final Instant START = Instant.parse("2030-03-01T10:00:00Z");

    /** The service under test on a fresh database, with a member to own the sessions. */
    private record Fixture(TestApp app, MutableClock clock, RefreshTokens tokens, SessionDao sessions, User member)
            implements AutoCloseable {
        static Fixture on(String database) {
            MutableClock clock = new MutableClock(START);
            TestApp app = TestApp.builder().database(database).clock(clock).start();
            return new Fixture(app, clock, app.services().refreshTokens(), app.services().sessionDao(),
                    app.createMember("alice", Role.MEMBER));
        }

        LoginSession session(UUID id) {
            return sessions.find(id).orElseThrow();
        }

        int chainLength(UUID id) {
            return app.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM refresh_tokens WHERE session_id = :id")
                    .bind("id", id.toString()).mapTo(Integer.class).one());
        }

        List<AuditEntry> reuseEvents() {
            return app.services().auditDao().matching(member.id(), null, AuditEvent.REFRESH_REUSE, 10, 0);
        }

        @Override
        public void close() {
            app.close();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void each_use_rotates_the_token_and_keeps_only_hashes(String database) {
        try (Fixture f = Fixture.on(database)) {
            RefreshTokens.Issued issued = f.tokens.start(f.member.id(), "agent", "10.0.0.7", Amr.PASSWORD);
            assertEquals(RefreshTokens.hash(issued.token()), f.session(issued.sessionId()).currentHash());
            f.clock.advance(Duration.ofMinutes(1));

            var first = assertInstanceOf(RefreshTokens.Rotation.Rotated.class, f.tokens.rotate(issued.token(), "10.0.0.7"));

            LoginSession afterFirst = f.session(issued.sessionId());
            assertEquals(RefreshTokens.hash(first.token()), afterFirst.currentHash());
            assertEquals(RefreshTokens.hash(issued.token()), afterFirst.previousHash());
            assertEquals(f.clock.instant(), afterFirst.rotatedAt());
            assertEquals(f.clock.instant(), afterFirst.lastUsedAt());
            assertNotEquals(issued.token(), first.token());
            assertTrue(first.token().length() >= 43, "256 bits, base64url");

            f.clock.advance(Duration.ofMinutes(1));
            var second = assertInstanceOf(RefreshTokens.Rotation.Rotated.class, f.tokens.rotate(first.token(), "10.0.0.7"));

            LoginSession afterSecond = f.session(issued.sessionId());
            assertEquals(RefreshTokens.hash(second.token()), afterSecond.currentHash());
            assertEquals(RefreshTokens.hash(first.token()), afterSecond.previousHash());
            assertEquals(3, f.chainLength(issued.sessionId()));
            assertEquals(issued.expiresAt(), afterSecond.expiresAt(), "the family keeps its absolute end");
            int plainTextRows = f.app.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM refresh_tokens WHERE token_hash IN (:a, :b, :c)")
                    .bind("a", issued.token()).bind("b", first.token()).bind("c", second.token()).mapTo(Integer.class).one());
            assertEquals(0, plainTextRows);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_immediate_predecessor_is_served_within_the_grace_without_a_new_token(String database) {
        try (Fixture f = Fixture.on(database)) {
            RefreshTokens.Issued issued = f.tokens.start(f.member.id(), "agent", "10.0.0.7", Amr.PASSWORD);
            var rotated = assertInstanceOf(RefreshTokens.Rotation.Rotated.class, f.tokens.rotate(issued.token(), "10.0.0.7"));
            f.clock.advance(Duration.ofSeconds(10));

            var grace = assertInstanceOf(RefreshTokens.Rotation.Grace.class, f.tokens.rotate(issued.token(), "10.0.0.7"));

            assertEquals(issued.sessionId(), grace.session().id());
            LoginSession session = f.session(issued.sessionId());
            assertEquals(RefreshTokens.hash(rotated.token()), session.currentHash(), "nothing rotated again");
            assertNull(session.revokedAt());
            assertEquals(2, f.chainLength(issued.sessionId()));
            assertTrue(f.reuseEvents().isEmpty());
            assertInstanceOf(RefreshTokens.Rotation.Rotated.class, f.tokens.rotate(rotated.token(), "10.0.0.7"),
                    "the successor still works");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void reuse_after_the_grace_revokes_the_whole_family_and_is_audited(String database) {
        try (Fixture f = Fixture.on(database)) {
            RefreshTokens.Issued issued = f.tokens.start(f.member.id(), "agent", "10.0.0.7", Amr.PASSWORD);
            var rotated = assertInstanceOf(RefreshTokens.Rotation.Rotated.class, f.tokens.rotate(issued.token(), "10.0.0.7"));
            f.clock.advance(Duration.ofSeconds(11));

            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate(issued.token(), "203.0.113.9"));

            assertNotNull(f.session(issued.sessionId()).revokedAt());
            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate(rotated.token(), "10.0.0.7"),
                    "the successor is dead too");
            List<AuditEntry> events = f.reuseEvents();
            assertEquals(1, events.size());
            assertEquals("203.0.113.9", events.get(0).ip());
            assertEquals(f.member.id(), events.get(0).subjectId());
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void reuse_of_a_token_older_than_the_predecessor_revokes_the_family_even_within_the_grace(String database) {
        try (Fixture f = Fixture.on(database)) {
            RefreshTokens.Issued issued = f.tokens.start(f.member.id(), "agent", "10.0.0.7", Amr.PASSWORD);
            var first = assertInstanceOf(RefreshTokens.Rotation.Rotated.class, f.tokens.rotate(issued.token(), "10.0.0.7"));
            var second = assertInstanceOf(RefreshTokens.Rotation.Rotated.class, f.tokens.rotate(first.token(), "10.0.0.7"));

            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate(issued.token(), "10.0.0.7"));

            assertNotNull(f.session(issued.sessionId()).revokedAt());
            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate(second.token(), "10.0.0.7"));
            assertEquals(1, f.reuseEvents().size());
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void unknown_expired_and_revoked_tokens_are_refused_without_touching_other_sessions(String database) {
        try (Fixture f = Fixture.on(database)) {
            RefreshTokens.Issued other = f.tokens.start(f.member.id(), "agent", "10.0.0.7", Amr.PASSWORD);
            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate("no-such-token", "10.0.0.7"));
            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate("", "10.0.0.7"));
            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate(null, "10.0.0.7"));
            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate("x".repeat(5000), "10.0.0.7"));

            RefreshTokens.Issued revoked = f.tokens.start(f.member.id(), "agent", "10.0.0.7", Amr.PASSWORD);
            f.tokens.revoke(revoked.sessionId());
            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate(revoked.token(), "10.0.0.7"));

            f.clock.advance(Duration.ofDays(14).plusSeconds(1));
            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate(other.token(), "10.0.0.7"), "expired");
            assertTrue(f.reuseEvents().isEmpty(), "none of this is reuse");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void twenty_parallel_rotations_of_one_token_make_exactly_one_successor(String database) throws Exception {
        int threads = 20;
        try (Fixture f = Fixture.on(database)) {
            RefreshTokens.Issued issued = f.tokens.start(f.member.id(), "agent", "10.0.0.7", Amr.PASSWORD);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RefreshTokens.Rotation>> results = new ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return f.tokens.rotate(issued.token(), "10.0.0.7");
                    }));
                }
                start.countDown();
                List<RefreshTokens.Rotation.Rotated> rotated = new ArrayList<>();
                int grace = 0;
                for (Future<RefreshTokens.Rotation> result : results) {
                    RefreshTokens.Rotation rotation = result.get();
                    if (rotation instanceof RefreshTokens.Rotation.Rotated r) {
                        rotated.add(r);
                    } else {
                        assertInstanceOf(RefreshTokens.Rotation.Grace.class, rotation);
                        grace++;
                    }
                }
                assertEquals(1, rotated.size());
                assertEquals(threads - 1, grace);
                LoginSession session = f.session(issued.sessionId());
                assertEquals(RefreshTokens.hash(rotated.get(0).token()), session.currentHash());
                assertEquals(RefreshTokens.hash(issued.token()), session.previousHash());
                assertNull(session.revokedAt());
                assertEquals(2, f.chainLength(issued.sessionId()), "one step: the first token and its one successor");
                assertTrue(f.reuseEvents().isEmpty());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_login_drops_the_members_sessions_that_ended_over_a_day_ago_with_their_token_hashes(String database) {
        try (Fixture f = Fixture.on(database)) {
            User charlie = f.app.createMember("charlie", Role.MEMBER);
            RefreshTokens.Issued revoked = f.tokens.start(f.member.id(), "agent", "10.0.0.7", Amr.PASSWORD);
            var rotated = assertInstanceOf(RefreshTokens.Rotation.Rotated.class, f.tokens.rotate(revoked.token(), "10.0.0.7"));
            f.tokens.revoke(revoked.sessionId());
            RefreshTokens.Issued expiring = f.tokens.start(f.member.id(), "agent", "10.0.0.7", Amr.PASSWORD);
            RefreshTokens.Issued charliesRevoked = f.tokens.start(charlie.id(), "agent", "10.0.0.8", Amr.PASSWORD);
            f.tokens.revoke(charliesRevoked.sessionId());
            assertEquals(2, f.chainLength(revoked.sessionId()));

            f.clock.advance(Duration.ofDays(14));
            RefreshTokens.Issued current = f.tokens.start(f.member.id(), "agent", "10.0.0.7", Amr.PASSWORD);
            assertFalse(f.sessions.find(revoked.sessionId()).isPresent(), "revoked 14 days ago");
            assertEquals(0, f.chainLength(revoked.sessionId()), "its token hashes went with it");
            assertTrue(f.sessions.find(expiring.sessionId()).isPresent(), "expired just now: kept for a day");
            assertTrue(f.sessions.find(charliesRevoked.sessionId()).isPresent(), "another member's: at their own login");

            f.clock.advance(RefreshTokens.ENDED_SESSIONS_KEPT.plusSeconds(1));
            f.tokens.start(f.member.id(), "agent", "10.0.0.7", Amr.PASSWORD);
            assertFalse(f.sessions.find(expiring.sessionId()).isPresent());
            assertTrue(f.sessions.find(current.sessionId()).isPresent(), "active sessions stay");
            assertEquals(1, f.chainLength(current.sessionId()));

            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate(rotated.token(), "10.0.0.7"));
            assertInstanceOf(RefreshTokens.Rotation.Rejected.class, f.tokens.rotate(revoked.token(), "10.0.0.7"));
            assertTrue(f.reuseEvents().isEmpty(), "a dropped session's tokens are refused as unknown, not as reuse");
        }
    }
}
