package gatehouse.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.Credentials;
import gatehouse.account.Gender;
import gatehouse.account.Profile;
import gatehouse.account.User;
import gatehouse.account.UserDao;
import gatehouse.audit.AuditDao;
import gatehouse.audit.AuditEntry;
import gatehouse.audit.AuditEvent;
import gatehouse.session.LoginSession;
import gatehouse.session.SessionDao;
import gatehouse.session.SessionRows;
import gatehouse.session.SessionValidity;
import gatehouse.testing.TestDatabase;
import gatehouse.domain.Role;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema and the DAOs, run unchanged against H2 and MariaDB. */
class DatabaseTest {
    private static final String KINDS = "gatehouse.testing.TestDatabase#kinds";
    /** Microseconds: the precision DATETIME(6) keeps. */
    private static final Instant T0 = Instant.parse("2024-03-05T06:07:08.123456Z");

    private static User user(String username, Role role) {
        return new User(UUID.randomUUID(), username, role, T0, T0.plusSeconds(1), null);
    }

    private static Profile profile(UUID userId) {
        return new Profile(userId, "김하늘", "하늘", "Hello, I’m here.", "+82 10-1234-5678",
                LocalDate.of(1990, 2, 28), Gender.FEMALE, true, T0.plusMillis(5));
    }

    private static Credentials credentials(UUID userId) {
        return new Credentials(userId, "$2a$04$" + "x".repeat(53), T0.plusSeconds(2), 0, null);
    }

    private static User createMember(Jdbi jdbi, String username) {
        User user = user(username, Role.MEMBER);
        jdbi.onDemand(UserDao.class).create(user, profile(user.id()), credentials(user.id()));
        return user;
    }

    private static LoginSession session(UUID userId, String hash) {
        return new LoginSession(UUID.randomUUID(), userId, hash, null, null, "Mozilla/5.0 (X11)", "203.0.113.7",
                T0, T0, T0.plus(Duration.ofDays(14)), null, "pwd");
    }

    private static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static long count(Jdbi jdbi, String sql, Object... args) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void the_migrations_create_every_table_and_a_second_run_has_nothing_to_do(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Set<String> tables = new HashSet<>();
            db.database().jdbi().useHandle(h -> {
                Connection connection = h.getConnection();
                try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), null, "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME").toLowerCase());
                    }
                }
            });
            assertTrue(tables.containsAll(List.of("users", "profiles", "credentials", "sessions", "refresh_tokens",
                    "audit_events", "flyway_schema_history")), tables.toString());

            var settings = db.settings();
            Flyway flyway = Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                    .locations("classpath:db/migration").load();
            MigrationInfo current = flyway.info().current();
            MigrationInfo[] all = flyway.info().all();
            assertEquals(all[all.length - 1].getVersion(), current.getVersion(), "the newest migration is applied");
            assertTrue(current.getState().isApplied());
            assertEquals(0, flyway.info().pending().length);
            assertEquals(0, flyway.migrate().migrationsExecuted);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void a_member_is_stored_and_read_back_whole(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            UserDao users = db.database().jdbi().onDemand(UserDao.class);
            User user = new User(UUID.randomUUID(), "haneul", Role.ADMIN, T0, T0.plusSeconds(1), T0.plusSeconds(3));
            Profile profile = profile(user.id());
            Credentials credentials = new Credentials(user.id(), "$2a$04$" + "y".repeat(53), T0.plusSeconds(2), 3,
                    T0.plus(Duration.ofMinutes(15)));

            users.create(user, profile, credentials);

            assertEquals(Optional.of(user), users.findById(user.id()));
            assertEquals(Optional.of(user), users.findByUsername("haneul"));
            assertEquals(Optional.of(profile), users.profile(user.id()));
            assertEquals(Optional.of(credentials), users.credentials(user.id()));
            assertEquals(Optional.empty(), users.findById(UUID.randomUUID()));
            assertEquals(Optional.empty(), users.findByUsername("nobody"));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void empty_optional_profile_fields_come_back_as_null(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            UserDao users = db.database().jdbi().onDemand(UserDao.class);
            User user = user("quiet", Role.MEMBER);
            Profile bare = new Profile(user.id(), "Q", "q", null, null, null, Gender.UNDISCLOSED, false, null);

            users.create(user, bare, credentials(user.id()));

            assertEquals(Optional.of(bare), users.profile(user.id()));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updates_change_what_they_name_and_nothing_else(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Jdbi jdbi = db.database().jdbi();
            UserDao users = jdbi.onDemand(UserDao.class);
            User user = createMember(jdbi, "changer");
            User other = createMember(jdbi, "bystander");
            Instant later = T0.plus(Duration.ofHours(2));

            Profile edited = new Profile(user.id(), "New Name", "newnick", null, "010", LocalDate.of(2000, 1, 1),
                    Gender.MALE, false, null);
            users.saveProfile(edited, later);
            users.changePassword(user.id(), "$2a$04$" + "z".repeat(53), later);
            assertEquals(1, users.countAttempt(user.id(), 0, 6, later.plusSeconds(2)));
            assertEquals(0, users.countAttempt(user.id(), 0, 7, later), "a stale count changes nothing");
            assertEquals(1, users.setRole(user.id(), Role.ADMIN, later));
            assertEquals(0, users.setRole(UUID.randomUUID(), Role.ADMIN, later));

            assertEquals(Optional.of(edited), users.profile(user.id()));
            assertEquals(new User(user.id(), "changer", Role.ADMIN, T0, later, null), users.findById(user.id()).orElseThrow());
            assertEquals(new Credentials(user.id(), "$2a$04$" + "z".repeat(53), later, 6, later.plusSeconds(2)),
                    users.credentials(user.id()).orElseThrow());
            assertEquals(List.of(user.id()), users.lockAdmins());

            users.loginSucceeded(user.id(), later.plusSeconds(60));
            assertEquals(new Credentials(user.id(), "$2a$04$" + "z".repeat(53), later, 0, null),
                    users.credentials(user.id()).orElseThrow());
            assertEquals(later.plusSeconds(60), users.findById(user.id()).orElseThrow().lastLoginAt());

            assertEquals(Optional.of(profile(other.id())), users.profile(other.id()));
            assertEquals(Optional.of(credentials(other.id())), users.credentials(other.id()));
            assertEquals(Optional.of(other), users.findById(other.id()));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void instants_keep_microseconds_and_lose_nanoseconds_the_same_way_on_both_databases(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            UserDao users = db.database().jdbi().onDemand(UserDao.class);
            Instant withNanos = Instant.parse("2024-12-31T23:59:59.999999999Z");
            User user = new User(UUID.randomUUID(), "nanos", Role.MEMBER, withNanos, T0, null);
            users.create(user, profile(user.id()), credentials(user.id()));

            Instant stored = users.findById(user.id()).orElseThrow().createdAt();

            assertEquals(Instant.parse("2024-12-31T23:59:59.999999Z"), stored,
                    "stored to the microsecond, never rounded into the next year");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void instants_are_stored_as_utc_whatever_the_jvm_time_zone(String kind) {
        TimeZone before = TimeZone.getDefault();
        try (TestDatabase db = TestDatabase.open(kind)) {
            UserDao users = db.database().jdbi().onDemand(UserDao.class);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Seoul"));
            User user = createMember(db.database().jdbi(), "seoul");

            assertEquals(T0, users.findById(user.id()).orElseThrow().createdAt());
            String wallClock = db.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT CAST(created_at AS CHAR(26)) FROM users WHERE id = :id").bind("id", user.id()).mapTo(String.class).one());
            assertTrue(wallClock.startsWith("2024-03-05 06:07:08.123456"), wallClock);
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void the_unique_user_name_index_rejects_a_second_member_with_the_same_name(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Jdbi jdbi = db.database().jdbi();
            UserDao users = jdbi.onDemand(UserDao.class);
            User first = createMember(jdbi, "twin");
            User second = user("twin", Role.MEMBER);

            assertThrows(UnableToExecuteStatementException.class,
                    () -> users.create(second, profile(second.id()), credentials(second.id())));

            assertEquals(1, count(jdbi, "SELECT COUNT(*) FROM users"));
            assertEquals(first.id(), users.findByUsername("twin").orElseThrow().id());
            assertEquals(Optional.empty(), users.profile(second.id()));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void creating_a_member_is_all_or_nothing(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Jdbi jdbi = db.database().jdbi();
            UserDao users = jdbi.onDemand(UserDao.class);
            User user = user("halfway", Role.MEMBER);
            // The credentials row fails (no hash), after the user and profile rows were written.
            Credentials broken = new Credentials(user.id(), null, T0, 0, null);

            assertThrows(UnableToExecuteStatementException.class, () -> users.create(user, profile(user.id()), broken));

            assertEquals(0, count(jdbi, "SELECT COUNT(*) FROM users"));
            assertEquals(0, count(jdbi, "SELECT COUNT(*) FROM profiles"));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void a_session_is_stored_whole_and_found_by_its_first_token(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Jdbi jdbi = db.database().jdbi();
            SessionDao sessions = jdbi.onDemand(SessionDao.class);
            SessionRows rows = new SessionRows(jdbi);
            User user = createMember(jdbi, "sessioner");
            LoginSession session = session(user.id(), hash('a'));

            sessions.create(session);

            assertEquals(Optional.of(session), sessions.find(session.id()));
            assertEquals(Optional.of(session), rows.findByTokenHash(hash('a')));
            assertEquals(Optional.empty(), rows.findByTokenHash(hash('b')));
            assertEquals(Optional.of(new SessionValidity(user.id(), user.username(), Role.MEMBER, session.expiresAt(), null)),
                    sessions.state(session.id()));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void rotation_changes_exactly_one_row_once_and_a_second_rotation_of_the_same_token_changes_none(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Jdbi jdbi = db.database().jdbi();
            SessionDao sessions = jdbi.onDemand(SessionDao.class);
            User user = createMember(jdbi, "rotator");
            LoginSession session = session(user.id(), hash('a'));
            LoginSession bystander = session(user.id(), hash('z'));
            sessions.create(session);
            sessions.create(bystander);
            Instant now = T0.plusSeconds(30);

            SessionRows rows = new SessionRows(jdbi);
            assertTrue(rows.rotate(session.id(), hash('a'), hash('b'), now));
            assertFalse(rows.rotate(session.id(), hash('a'), hash('c'), now.plusSeconds(1)));
            assertFalse(rows.rotate(session.id(), hash('a'), hash('d'), now.plusSeconds(2)));

            LoginSession rotated = sessions.find(session.id()).orElseThrow();
            assertEquals(hash('b'), rotated.currentHash());
            assertEquals(hash('a'), rotated.previousHash());
            assertEquals(now, rotated.rotatedAt());
            assertEquals(now, rotated.lastUsedAt());
            assertEquals(Optional.of(bystander), sessions.find(bystander.id()));

            assertTrue(rows.rotate(session.id(), hash('b'), hash('e'), now.plusSeconds(3)));
            assertEquals(hash('e'), sessions.find(session.id()).orElseThrow().currentHash());
            // Every issued token stays traceable to its family, so the reuse of an old one is recognised.
            assertEquals(session.id(), rows.findByTokenHash(hash('a')).orElseThrow().id());
            assertEquals(session.id(), rows.findByTokenHash(hash('e')).orElseThrow().id());
            assertEquals(session.id(), rows.findByTokenHash(hash('b')).orElseThrow().id());
            assertEquals(Optional.empty(), rows.findByTokenHash(hash('c')));
            assertEquals(Optional.empty(), rows.findByTokenHash(hash('d')));
            assertEquals(3, count(jdbi, "SELECT COUNT(*) FROM refresh_tokens WHERE session_id = ?", session.id().toString()));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void of_parallel_rotations_of_one_token_exactly_one_succeeds(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Jdbi jdbi = db.database().jdbi();
            SessionDao sessions = jdbi.onDemand(SessionDao.class);
            SessionRows rows = new SessionRows(jdbi);
            User user = createMember(jdbi, "racer");
            for (int round = 0; round < 10; round++) {
                LoginSession session = session(user.id(), String.format("i%063d", round));
                sessions.create(session);
                int threads = 4;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (int i = 0; i < threads; i++) {
                        String successor = String.format("n%031d%032d", round, i);
                        results.add(pool.submit(() -> {
                            go.await();
                            return rows.rotate(session.id(), session.currentHash(), successor, T0.plusSeconds(1));
                        }));
                    }
                    go.countDown();
                    int succeeded = 0;
                    for (Future<Boolean> result : results) {
                        succeeded += result.get() ? 1 : 0;
                    }
                    assertEquals(1, succeeded, "round " + round);
                    assertEquals(2, count(jdbi, "SELECT COUNT(*) FROM refresh_tokens WHERE session_id = ?", session.id().toString()));
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void revoked_or_expired_sessions_do_not_rotate(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Jdbi jdbi = db.database().jdbi();
            SessionDao sessions = jdbi.onDemand(SessionDao.class);
            User user = createMember(jdbi, "ender");
            LoginSession revoked = session(user.id(), hash('r'));
            LoginSession expiring = session(user.id(), hash('x'));
            sessions.create(revoked);
            sessions.create(expiring);

            assertEquals(1, sessions.revoke(revoked.id(), T0.plusSeconds(5)));
            assertEquals(0, sessions.revoke(revoked.id(), T0.plusSeconds(6)), "revoking twice keeps the first time");

            SessionRows rows = new SessionRows(jdbi);
            assertFalse(rows.rotate(revoked.id(), hash('r'), hash('s'), T0.plusSeconds(10)));
            assertFalse(rows.rotate(expiring.id(), hash('x'), hash('y'), expiring.expiresAt()));
            assertEquals(T0.plusSeconds(5), sessions.find(revoked.id()).orElseThrow().revokedAt());
            assertEquals(List.of(expiring), rows.activeOf(user.id(), T0.plusSeconds(10)));
            assertEquals(0, rows.activeOf(user.id(), expiring.expiresAt()).size());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void revoking_all_other_sessions_keeps_the_current_one(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Jdbi jdbi = db.database().jdbi();
            SessionDao sessions = jdbi.onDemand(SessionDao.class);
            SessionRows rows = new SessionRows(jdbi);
            User user = createMember(jdbi, "many");
            User other = createMember(jdbi, "other");
            LoginSession keep = session(user.id(), hash('k'));
            LoginSession drop1 = session(user.id(), hash('1'));
            LoginSession drop2 = session(user.id(), hash('2'));
            LoginSession othersSession = session(other.id(), hash('o'));
            List.of(keep, drop1, drop2, othersSession).forEach(sessions::create);
            assertTrue(rows.rotate(drop1.id(), hash('1'), hash('3'), T0.plusSeconds(9)), "a rotation marks the session used");

            assertEquals(List.of(drop1.id(), keep.id(), drop2.id()).size(), rows.activeOf(user.id(), T0).size());
            assertEquals(drop1.id(), rows.activeOf(user.id(), T0).get(0).id(), "most recently used first");
            assertEquals(2, sessions.revokeAllOfExcept(user.id(), keep.id(), T0.plusSeconds(10)));

            assertEquals(List.of(keep), rows.activeOf(user.id(), T0.plusSeconds(10)));
            assertEquals(1, rows.activeOf(other.id(), T0.plusSeconds(10)).size());
            assertEquals(1, sessions.revokeAllOf(user.id(), T0.plusSeconds(11)));
            assertEquals(0, rows.activeOf(user.id(), T0.plusSeconds(11)).size());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deleting_a_member_removes_profile_credentials_sessions_and_tokens_and_nothing_of_others(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Jdbi jdbi = db.database().jdbi();
            UserDao users = jdbi.onDemand(UserDao.class);
            SessionDao sessions = jdbi.onDemand(SessionDao.class);
            SessionRows rows = new SessionRows(jdbi);
            AuditDao audit = jdbi.onDemand(AuditDao.class);
            User leaving = createMember(jdbi, "leaving");
            User staying = createMember(jdbi, "staying");
            LoginSession one = session(leaving.id(), hash('1'));
            LoginSession two = session(leaving.id(), hash('2'));
            LoginSession kept = session(staying.id(), hash('k'));
            List.of(one, two, kept).forEach(sessions::create);
            rows.rotate(one.id(), hash('1'), hash('3'), T0.plusSeconds(1));
            audit.insert(T0, AuditEvent.SIGNUP, leaving.id(), leaving.id(), "203.0.113.7", null);

            assertEquals(1, users.delete(leaving.id()));
            assertEquals(0, users.delete(leaving.id()));

            String id = leaving.id().toString();
            assertEquals(0, count(jdbi, "SELECT COUNT(*) FROM users WHERE id = ?", id));
            assertEquals(0, count(jdbi, "SELECT COUNT(*) FROM profiles WHERE user_id = ?", id));
            assertEquals(0, count(jdbi, "SELECT COUNT(*) FROM credentials WHERE user_id = ?", id));
            assertEquals(0, count(jdbi, "SELECT COUNT(*) FROM sessions WHERE user_id = ?", id));
            assertEquals(0, count(jdbi, "SELECT COUNT(*) FROM refresh_tokens t LEFT JOIN sessions s ON s.id = t.session_id WHERE s.id IS NULL"));
            assertEquals(0, count(jdbi, "SELECT COUNT(*) FROM profiles p LEFT JOIN users u ON u.id = p.user_id WHERE u.id IS NULL"));
            assertEquals(0, count(jdbi, "SELECT COUNT(*) FROM credentials c LEFT JOIN users u ON u.id = c.user_id WHERE u.id IS NULL"));

            assertEquals(Optional.of(kept), sessions.find(kept.id()));
            assertEquals(1, count(jdbi, "SELECT COUNT(*) FROM refresh_tokens"));
            assertTrue(users.profile(staying.id()).isPresent());
            assertTrue(users.credentials(staying.id()).isPresent());
            // The audit log outlives the member, with the name copied in.
            AuditEntry entry = audit.matching(null, null, null, 10, 0).get(0);
            assertEquals("leaving", entry.subjectUsername());
            assertEquals(leaving.id(), entry.subjectId());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void audit_events_page_newest_first_and_filter_by_member_and_type(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            Jdbi jdbi = db.database().jdbi();
            AuditDao audit = jdbi.onDemand(AuditDao.class);
            User admin = createMember(jdbi, "boss");
            User member = createMember(jdbi, "worker");
            audit.insert(T0, AuditEvent.SIGNUP, member.id(), member.id(), "198.51.100.1", null);
            audit.insert(T0.plusSeconds(1), AuditEvent.LOGIN_FAILURE, null, member.id(), "198.51.100.2", "wrong password (1 in a row)");
            audit.insert(T0.plusSeconds(2), AuditEvent.LOGIN_SUCCESS, admin.id(), admin.id(), "2001:db8::1", null);
            audit.insert(T0.plusSeconds(3), AuditEvent.ROLE_CHANGE, admin.id(), member.id(), "2001:db8::1", "MEMBER -> ADMIN");
            audit.insert(T0.plusSeconds(3), AuditEvent.LOGIN_FAILURE, null, null, "198.51.100.3", "unknown user name");

            List<AuditEntry> all = audit.matching(null, null, null, 10, 0);
            assertEquals(5, all.size());
            assertEquals(5, audit.countMatching(null, null, null));
            assertEquals(List.of("unknown user name", "MEMBER -> ADMIN"), all.subList(0, 2).stream().map(AuditEntry::detail).toList(),
                    "newest first; same time: later insert first");
            AuditEntry roleChange = all.get(1);
            assertEquals(new AuditEntry(roleChange.id(), T0.plusSeconds(3), AuditEvent.ROLE_CHANGE, admin.id(), "boss",
                    member.id(), "worker", "2001:db8::1", "MEMBER -> ADMIN"), roleChange);
            AuditEntry anonymous = all.get(0);
            assertNull(anonymous.actorId());
            assertNull(anonymous.actorUsername());
            assertNull(anonymous.subjectUsername());

            assertEquals(List.of(T0.plusSeconds(2), T0.plusSeconds(1)),
                    audit.matching(null, null, null, 2, 2).stream().map(AuditEntry::occurredAt).toList());
            assertEquals(List.of(T0), audit.matching(null, null, null, 2, 4).stream().map(AuditEntry::occurredAt).toList());

            // A member's events: those about them and those they did.
            assertEquals(3, audit.countMatching(member.id(), null, null));
            assertEquals(2, audit.countMatching(admin.id(), null, null));
            assertEquals(List.of(AuditEvent.ROLE_CHANGE, AuditEvent.LOGIN_SUCCESS),
                    audit.matching(admin.id(), null, null, 10, 0).stream().map(AuditEntry::type).toList());
            assertEquals(2, audit.countMatching(null, null, AuditEvent.LOGIN_FAILURE));
            assertEquals(1, audit.countMatching(member.id(), null, AuditEvent.LOGIN_FAILURE));
            assertEquals(List.of("wrong password (1 in a row)"),
                    audit.matching(member.id(), null, AuditEvent.LOGIN_FAILURE, 10, 0).stream().map(AuditEntry::detail).toList());
            assertEquals(0, audit.countMatching(UUID.randomUUID(), null, null));
            assertEquals(List.of(), audit.matching(null, null, AuditEvent.ACCOUNT_DELETED, 10, 0));
        }
    }
}
