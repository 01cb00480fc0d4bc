package gatehouse.admin;

import gatehouse.account.MemberCache;
import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditLog;
import gatehouse.db.ReadCache;
import gatehouse.db.WriteCounter;
import gatehouse.session.RefreshTokens;
import gatehouse.domain.ActionRefused;
import gatehouse.domain.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** What administrators may do to members; the pages and the API both call these. */
public final class MemberAdministration {
    public static final int PAGE_SIZE = 25;
    private static final int MAX_QUERY = 50;

    private final Jdbi jdbi;
    /** The list is read far more often than members change: pages and their second-factor marks, until a write. */
    private final ReadCache<Search, MemberSearchResult> pages;
    private final ReadCache<List<UUID>, Set<UUID>> secondFactorMarks;
    private final AdminDao dao;
    private final MemberCache memberCache;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final Clock clock;

    private record Search(String text, MemberSort sort, int page) {}

    public MemberAdministration(Jdbi jdbi, WriteCounter writes, AdminDao dao, MemberCache memberCache, RefreshTokens refreshTokens,
                                AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.pages = new ReadCache<>(writes, 100);
        this.secondFactorMarks = new ReadCache<>(writes, 100);
        this.dao = dao;
        this.memberCache = memberCache;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** A page of members matching {@code query} (user name, name or nickname, any case); page counts from 1. */
    public MemberSearchResult search(String query, MemberSort sort, int page) {
        String q = query == null ? "" : query.strip();
        if (q.length() > MAX_QUERY) {
            q = q.substring(0, MAX_QUERY);
        }
        return pages.get(new Search(q, sort, page), this::read);
    }

    private MemberSearchResult read(Search search) {
        String pattern = search.text().isEmpty() ? null : "%" + escapeLike(search.text().toLowerCase(Locale.ROOT)) + "%";
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> {
            long total = MemberListReads.count(handle, pattern);
            int pageCount = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
            int current = Math.min(Math.max(1, search.page()), pageCount);
            List<MemberListEntry> rows = MemberListReads.page(handle, pattern, search.sort(), PAGE_SIZE,
                    (current - 1) * PAGE_SIZE, now);
            return new MemberSearchResult(rows, total, current, PAGE_SIZE, search.text(), search.sort());
        });
    }

    /** Which of {@code members} have a second factor, as the member list marks them on every view. */
    public Set<UUID> withSecondFactor(List<UUID> members) {
        return secondFactorMarks.get(members, ids -> jdbi.withHandle(handle -> MemberListReads.withSecondFactor(handle, ids)));
    }

    public Optional<MemberListEntry> find(UUID id) {
        return dao.find(id, clock.instant());
    }

    /** Deletes a member with profile, credentials and sessions; never oneself, never the last administrator. */
    public MemberListEntry delete(UUID actor, UUID target, String ip) {
        if (actor.equals(target)) {
            throw new ActionRefused("error.admin.deleteSelf");
        }
        MemberListEntry deleted = jdbi.inTransaction(handle -> {
            AdminDao tx = handle.attach(AdminDao.class);
            List<UUID> admins = tx.lockAdmins();
            MemberListEntry row = tx.find(target, clock.instant()).orElseThrow(ActionRefused::noSuchMember);
            if (row.role() == Role.ADMIN && admins.size() <= 1) {
                throw new ActionRefused("error.admin.lastAdmin");
            }
            tx.delete(target);
            return row;
        });
        memberCache.forget(target);
        refreshTokens.forgetAllCachedStates();
        // The member's row is gone: name them explicitly, so the event can still be found by their user name.
        audit.recordAbout(AuditEvent.ACCOUNT_DELETED, actor, target, deleted.username(), ip, "deleted by an administrator");
        return deleted;
    }

    /** Changes a member's role; the last administrator cannot be demoted. */
    public MemberListEntry changeRole(UUID actor, UUID target, Role role, String ip) {
        if (role != Role.MEMBER && role != Role.ADMIN) {
            throw new ActionRefused("error.admin.badRole");
        }
        MemberListEntry before = jdbi.inTransaction(handle -> {
            AdminDao tx = handle.attach(AdminDao.class);
            List<UUID> admins = tx.lockAdmins();
            MemberListEntry row = tx.find(target, clock.instant()).orElseThrow(ActionRefused::noSuchMember);
            if (row.role() == Role.ADMIN && role != Role.ADMIN && admins.size() <= 1) {
                throw new ActionRefused("error.admin.lastAdmin");
            }
            tx.setRole(target, role, clock.instant());
            return row;
        });
        memberCache.forget(target);
        refreshTokens.forgetAllCachedStates();
        audit.record(AuditEvent.ROLE_CHANGE, actor, target, ip, before.role() + " -> " + role);
        return find(target).orElseThrow();
    }

    /** Lifts a login throttle. */
    public void unlock(UUID actor, UUID target, String ip) {
        if (dao.unlock(target) == 0) {
            throw ActionRefused.noSuchMember();
        }
        audit.record(AuditEvent.ACCOUNT_UNLOCKED, actor, target, ip, null);
    }

    /** Ends every session of a member. */
    public int revokeSessions(UUID actor, UUID target, String ip) {
        find(target).orElseThrow(ActionRefused::noSuchMember);
        int ended = refreshTokens.revokeAllOf(target, null);
        audit.record(AuditEvent.SESSIONS_REVOKED, actor, target, ip, ended + " sessions ended");
        return ended;
    }

    /** Escapes LIKE's wildcards with '!', the escape character the queries declare. */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
